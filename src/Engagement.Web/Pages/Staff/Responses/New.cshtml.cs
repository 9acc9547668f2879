using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Text;
using Engagement.Web.Features.Feedback;
using Engagement.Web.Features.Forms;
using Engagement.Web.Features.Responses;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Web.Pages.Staff.Responses;

/// <summary>Create a draft response entry.</summary>
public sealed class NewModel(EngagementDbContext db, FeedbackChoices choices, SafeMarkdown markdown, TimeProvider clock)
    : EntryFormPage(db, choices, markdown)
{
    public override string SaveLabel => "Save draft";

    public async Task<IActionResult> OnGetAsync(int? forumAction, CancellationToken cancellationToken)
    {
        if (forumAction is { } actionId)
        {
            if (await ForumActionEntry.PrefillAsync(Db, actionId, cancellationToken) is not { } prefilled)
            {
                return NotFound();
            }

            Input = prefilled;
        }

        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] SaveResponseEntryHandler handler, CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(cancellationToken);
        if (Validate() is not { } valid)
        {
            return Page();
        }

        var result = await handler.HandleAsync(Command(null, valid.TargetDate, valid.References) with { ForumActionId = Input.ForumActionId }, cancellationToken);
        if (!result.Succeeded)
        {
            return Refused(result) ?? Page();
        }

        Banner = "Draft entry saved. It is not public until you publish it";
        return Redirect($"/staff/responses/{result.Value}");
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(cancellationToken);
        if (Validate() is { } valid)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            Preview = PreviewOf("Draft", ResponseStatus.Received, valid.TargetDate, [new EntryTimelineItem(now, ResponseStatus.Received, null)], now);
        }

        return Page();
    }
}
