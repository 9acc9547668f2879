using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Consultations;
using Engagement.Web.Features.Forms;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Web.Pages.Staff.Consultations;

/// <summary>Add a question to a consultation (on its last page unless another is chosen).</summary>
public sealed class QuestionNewModel(EngagementDbContext db, ManageQuestionsHandler handler) : QuestionFormPage(db)
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is null)
        {
            return NotFound();
        }

        Input.Required = true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is null)
        {
            return NotFound();
        }

        if (Details() is not { } details)
        {
            return Page();
        }

        var added = await handler.AddAsync(id, details, UserId, Version, cancellationToken);
        if (!added.Succeeded)
        {
            if (this.NotFoundFor(added) is { } notFound)
            {
                return notFound;
            }

            AddResult(added);
            return Page();
        }

        StatusMessage = "Question added";
        return Redirect($"/staff/consultations/{id}");
    }
}
