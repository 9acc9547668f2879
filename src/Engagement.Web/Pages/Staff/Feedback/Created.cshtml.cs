using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Security;
using Engagement.Web.Features.Feedback;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Pages.Staff.Feedback;

/// <summary>Confirms a staff-recorded item: its reference, the private link to pass on, and the text as recorded.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class CreatedModel(FeedbackProtector protector, EngagementDbContext db, IOptions<ServiceOptions> service) : PageModel
{
    public FeedbackReceipt Receipt { get; private set; } = new("", "", false);

    public string Text { get; private set; } = "";

    public string TrackingLink => service.Value.Link("/feedback/track/" + Receipt.TrackingToken);

    public async Task<IActionResult> OnGetAsync(string? receipt, CancellationToken cancellationToken)
    {
        if (protector.UnprotectReceipt(receipt) is not { } found)
        {
            return NotFound();
        }

        Receipt = found;
        var hash = SecureToken.Hash(found.TrackingToken);
        Text = await db.FeedbackItems.AsNoTracking().Where(f => f.TrackingTokenHash == hash).Select(f => f.Text).SingleAsync(cancellationToken);
        return Page();
    }
}
