using System.Security.Claims;
using Engagement.Domain.Privacy;
using Engagement.Web.Features.Privacy;
using Engagement.Web.Features.Responses;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Staff.DataRequests;

public sealed class NewModel(DataRequestHandler handler, TimeProvider clock) : PageModel
{
    [BindProperty]
    public RequestInput Input { get; set; } = new();

    public void OnGet() => Input.ReceivedOn = DateInput.From(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var kind = Enum.TryParse<DataRequestKind>(Input.Kind, out var parsed) && Enum.IsDefined(parsed) ? parsed : (DataRequestKind?)null;
        if (kind is null)
        {
            ModelState.AddModelError("Input.Kind", "Select the kind of request");
        }

        var received = Input.ReceivedOn.TryRead(ModelState, "Input.ReceivedOn", "The date received");
        if (received is null && Input.ReceivedOn.IsEmpty)
        {
            ModelState.AddModelError("Input.ReceivedOn", "Enter the date the request was received");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await handler.RecordAsync(new RecordDataRequest(kind!.Value, received!.Value, Input.CaseReference, User.FindFirstValue(ClaimTypes.NameIdentifier)!), cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("Input." + (result.Field ?? "Kind"), result.Error!);
            return Page();
        }

        TempData["Status"] = "Request recorded";
        return Redirect($"/staff/data-requests/{result.Value}");
    }

    public sealed class RequestInput
    {
        public string? Kind { get; set; }
        public DateInput ReceivedOn { get; set; } = new();
        public string? CaseReference { get; set; }
    }
}
