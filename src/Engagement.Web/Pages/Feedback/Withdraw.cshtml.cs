using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Security;
using Engagement.Web.Features.Privacy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Feedback;

/// <summary>
/// Confirmation of one withdrawal choice from the private tracking link: what will and will not happen, then a button.
/// A choice that no longer applies (already done) goes back to the tracking page.
/// </summary>
[AllowAnonymous]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class WithdrawModel(EngagementDbContext db, WithdrawFeedbackHandler withdraw) : PageModel
{
    public FeedbackChoice Choice { get; private set; }

    public string Reference { get; private set; } = "";

    public bool HasContactDetails { get; private set; }

    public bool IsLinkedToEntry { get; private set; }

    public string Token { get; private set; } = "";

    public static string Slug(FeedbackChoice choice) => choice switch
    {
        FeedbackChoice.StopEmails => "stop-emails",
        FeedbackChoice.RemoveDetails => "remove-details",
        _ => "delete",
    };

    public async Task<IActionResult> OnGetAsync(string token, string choice, CancellationToken cancellationToken) =>
        await LoadAsync(token, choice, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(string token, string choice, CancellationToken cancellationToken)
    {
        if (await LoadAsync(token, choice, cancellationToken) is { } answered)
        {
            return answered;
        }

        var result = await withdraw.HandleAsync(token, Choice, cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            ModelState.AddModelError("confirm", result.Error!);
            return Page();
        }

        TempData["Status"] = Choice switch
        {
            FeedbackChoice.StopEmails => "We will not send you any more progress emails about this feedback",
            FeedbackChoice.RemoveDetails => "Your name and email address have been removed",
            _ => "Your feedback has been deleted",
        };
        return Redirect(TrackPath(token));
    }

    public static string TrackPath(string token) => "/feedback/track/" + Uri.EscapeDataString(token);

    private async Task<IActionResult?> LoadAsync(string token, string choice, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return NotFound();
        }

        Choice = choice switch
        {
            "stop-emails" => FeedbackChoice.StopEmails,
            "remove-details" => FeedbackChoice.RemoveDetails,
            _ => FeedbackChoice.Delete,
        };
        var hash = SecureToken.Hash(token);
        var item = await db.FeedbackItems.AsNoTracking().Where(f => f.TrackingTokenHash == hash)
            .Select(f => new { f.Reference, f.ConsentToProgressUpdates, HasContact = f.ContactEmail != null || f.ContactName != null, f.ContentErasedAt, f.ResponseEntryId })
            .SingleOrDefaultAsync(cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        Token = token;
        Reference = item.Reference;
        HasContactDetails = item.HasContact;
        IsLinkedToEntry = item.ResponseEntryId is not null;
        var applies = Choice switch
        {
            FeedbackChoice.StopEmails => item.ConsentToProgressUpdates,
            FeedbackChoice.RemoveDetails => item.HasContact,
            _ => item.ContentErasedAt is null,
        };
        return applies ? null : Redirect(TrackPath(token));
    }
}
