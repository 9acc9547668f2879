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
public sealed class EntryModel(PublicLogQuery query, SafeMarkdown markdown) : PageModel
{
    public EntryDetail Entry { get; private set; } = default!;
    public SanitizedHtml WeDid { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(string reference)
    {
        var entry = await query.EntryAsync(reference, HttpContext.RequestAborted);
        if (entry is null)
        {
            return NotFound();
        }

        Entry = entry;
        WeDid = markdown.Render(entry.WeDidMarkdown);
        return Page();
    }
}
