using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Feedback;
using Engagement.Web.Features.ProviderEngagement;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Web.Pages.Provider.EngagementRecords;

public sealed class NewModel(EngagementDbContext db, FeedbackChoices choices, TimeProvider clock) : RecordFormPage(db, choices, clock)
{
    public override string SaveLabel => "Save and send for review";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await IsApprovedAsync(cancellationToken))
        {
            return Forbid();
        }

        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] SaveEngagementRecordHandler handler, CancellationToken cancellationToken)
    {
        if (!await IsApprovedAsync(cancellationToken))
        {
            return Forbid();
        }

        await LoadChoicesAsync(cancellationToken);
        if (Read() is not { } details)
        {
            return Page();
        }

        var result = await handler.HandleAsync(new SaveEngagementRecord(null, null, OrganisationId, details), cancellationToken);
        if (!result.Succeeded)
        {
            return Refused(result) ?? Page();
        }

        Banner = "Record saved and sent to a commissioner for review";
        return Redirect($"/provider/engagement/{result.Value}");
    }
}
