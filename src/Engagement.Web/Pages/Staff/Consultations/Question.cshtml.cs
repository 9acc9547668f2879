using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Consultations;
using Engagement.Web.Features.Forms;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Web.Pages.Staff.Consultations;

/// <summary>Change a question. After the first answer only its wording can change (the domain refuses the rest).</summary>
public sealed class QuestionModel(EngagementDbContext db, ManageQuestionsHandler handler) : QuestionFormPage(db)
{
    public int QuestionId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int questionId, CancellationToken cancellationToken)
    {
        if ((await LoadAsync(id, cancellationToken))?.Find(questionId) is not { } question)
        {
            return NotFound();
        }

        QuestionId = questionId;
        Input = QuestionFormInput.From(question);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int questionId, CancellationToken cancellationToken)
    {
        if ((await LoadAsync(id, cancellationToken))?.Find(questionId) is null)
        {
            return NotFound();
        }

        QuestionId = questionId;
        if (Details() is not { } details)
        {
            return Page();
        }

        var saved = await handler.EditAsync(id, questionId, details, UserId, Version, cancellationToken);
        if (!saved.Succeeded)
        {
            if (this.NotFoundFor(saved) is { } notFound)
            {
                return notFound;
            }

            AddResult(saved);
            return Page();
        }

        StatusMessage = "Question changed";
        return Redirect($"/staff/consultations/{id}");
    }
}
