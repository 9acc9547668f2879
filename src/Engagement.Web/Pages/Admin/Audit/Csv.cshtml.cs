using System.Globalization;
using System.Text;
using Engagement.Infrastructure.Text;
using Engagement.Web.Features.Audit;
using Engagement.Web.Features.Events;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Admin.Audit;

/// <summary>The filtered audit as CSV (ids and non-personal detail only), streamed in keyset batches.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class CsvModel(AuditQuery audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public AuditFilterInput Filter { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var filter = Filter.Read(ModelState);
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"audit.csv\"";
        await using var csv = SpreadsheetCsv.Open(Response.Body);
        await csv.RowAsync("Id", "At (UTC)", "Actor user id", "Action", "Record type", "Record id", "Detail");
        long? before = null;
        do
        {
            var (rows, next) = await audit.PageAsync(filter, before, 1000, cancellationToken);
            foreach (var r in rows)
            {
                await csv.RowAsync(
                    r.Id.ToString(CultureInfo.InvariantCulture), r.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    r.ActorUserId, r.Action, r.EntityType, r.EntityId, r.Detail);
            }

            before = next;
        }
        while (before is not null);

        return new EmptyResult();
    }
}
