using System.Security.Claims;
using Engagement.Domain.Common;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Consultations;
using Engagement.Web.Features.Feedback;
using Engagement.Web.Features.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Consultations;

/// <summary>Change what a consultation says. A stale form (someone else saved first) is refused; nothing is overwritten.</summary>
public sealed class EditModel(EngagementDbContext context, FeedbackChoices choices, SaveConsultationHandler save, TimeProvider clock)
    : ConsultationFormPage(context, choices, clock)
{
    public int Id { get; private set; }

    public string Title { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var consultation = await LoadAsync(id, cancellationToken);
        if (consultation is null)
        {
            return NotFound();
        }

        Input = ConsultationFormInput.From(consultation);
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var consultation = await LoadAsync(id, cancellationToken);
        if (consultation is null)
        {
            return NotFound();
        }

        await LoadChoicesAsync(cancellationToken);
        if (Details(DatesLocked ? (consultation.OpensAt, consultation.ClosesAt) : null) is not { } details)
        {
            return Page();
        }

        var saved = await save.UpdateAsync(id, Input.Version, details, User.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken);
        if (!saved.Succeeded)
        {
            if (this.NotFoundFor(saved) is { } notFound)
            {
                return notFound;
            }

            ModelState.AddResult<ConsultationFormInput>(saved, nameof(Input), Renamed);
            if (saved.Kind == ResultKind.Conflict)
            {
                // Nothing was saved. The form keeps these answers; saving again is a deliberate choice over theirs.
                Input.Version = consultation.Version;
            }

            return Page();
        }

        StatusMessage = "Consultation updated";
        return Redirect($"/staff/consultations/{id}");
    }

    private async Task<Domain.Consultations.Consultation?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var consultation = await Db.Consultations.AsNoTracking().Include(c => c.Priorities).Include(c => c.Events)
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consultation is not null)
        {
            Id = id;
            Title = consultation.Title;
            DatesLocked = consultation.IsPublished;
        }

        return consultation;
    }
}
