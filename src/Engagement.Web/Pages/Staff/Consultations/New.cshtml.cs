using System.Security.Claims;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Consultations;
using Engagement.Web.Features.Feedback;
using Engagement.Web.Features.Forms;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Web.Pages.Staff.Consultations;

/// <summary>Create a consultation (a draft: questions next, then publish).</summary>
public sealed class NewModel(EngagementDbContext db, FeedbackChoices choices, SaveConsultationHandler save, TimeProvider clock)
    : ConsultationFormPage(db, choices, clock)
{
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(cancellationToken);
        if (Details() is not { } details)
        {
            return Page();
        }

        var created = await save.CreateAsync(details, User.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken);
        if (!created.Succeeded)
        {
            ModelState.AddResult<ConsultationFormInput>(created, nameof(Input), Renamed);
            return Page();
        }

        StatusMessage = "Consultation created. Add its questions, then preview and publish it.";
        return Redirect($"/staff/consultations/{created.Value}");
    }
}
