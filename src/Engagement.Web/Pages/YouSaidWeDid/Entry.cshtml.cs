using Engagement.Infrastructure.Text;
using Engagement.Web.Features.PublicLog;
using Engagement.Web.Features.Publishing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Engagement.Web.Pages.YouSaidWeDid;

[AllowAnonymous]
[OutputCache(PolicyName = PublicPagesCache.PolicyName)]
public sealed class EntryModel(PublicLogQuery query, SafeMarkdown markdown, Infrastructure.Data.EngagementDbContext db, Features.Consultations.ConsultationAnalysis analysis) : PageModel
{
    public EntryDetail Entry { get; private set; } = default!;
    public SanitizedHtml WeDid { get; private set; } = default!;

    /// <summary>For a consultation outcome: its figures, shown under the entry (the entry itself holds the texts).</summary>
    public Features.Consultations.ConsultationOutcomeView? Outcome { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference)
    {
        var entry = await query.EntryAsync(reference, HttpContext.RequestAborted);
        if (entry is null)
        {
            return NotFound();
        }

        Entry = entry;
        WeDid = markdown.Render(entry.WeDidMarkdown);
        if (entry.Row.ConsultationId is { } consultationId &&
            await Features.Consultations.ConsultationOutcomeView.LoadAsync(db, analysis, markdown, consultationId, HttpContext.RequestAborted) is { } outcome)
        {
            Outcome = outcome with { FiguresOnly = true };
        }

        return Page();
    }
}
