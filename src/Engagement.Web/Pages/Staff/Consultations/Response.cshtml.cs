using System.Security.Claims;
using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Consultations;
using Engagement.Web.Features.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Consultations;

/// <summary>One response with its answers (staff only, encoded), and the staff actions: flag it, count a late one.</summary>
public sealed class ResponseModel(EngagementDbContext db) : PageModel
{
    [TempData(Key = "Status")]
    public string? StatusMessage { get; set; }

    [BindProperty]
    public FlagInput Flag { get; set; } = new();

    /// <summary>The response's version when this page was read, posted back by both forms.</summary>
    [BindProperty]
    public Guid Version { get; set; }

    public int Id { get; private set; }

    public string Title { get; private set; } = "";

    public ConsultationResponse Item { get; private set; } = default!;

    public string? EnteredBy { get; private set; }

    public string? FlaggedBy { get; private set; }

    /// <summary>Each question in order with the answers given (chosen labels, "Other: …", or the text).</summary>
    public List<(int Number, string Question, List<string> Given)> Answers { get; private set; } = [];

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task<IActionResult> OnGetAsync(int id, int responseId, CancellationToken cancellationToken) =>
        await LoadAsync(id, responseId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostFlagAsync(int id, int responseId, [FromServices] FlagResponseHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(new FlagResponse(id, responseId, Flag.Flag, UserId, Version), cancellationToken);
        var done = Flag.Flag == ResponseFlag.SafeguardingConcern
            ? "Flagged as a safeguarding concern. The safeguarding contact has been emailed."
            : "Flagged as a complaint";
        return await ResultAsync(id, responseId, result, done, cancellationToken);
    }

    public async Task<IActionResult> OnPostCountAsync(int id, int responseId, string? include, [FromServices] CountHeldBackResponseHandler handler, CancellationToken cancellationToken)
    {
        var counted = include == "yes";
        var result = await handler.HandleAsync(new CountHeldBackResponse(id, responseId, counted, UserId, Version), cancellationToken);
        return await ResultAsync(id, responseId, result, counted ? "The response now counts in the figures" : "The response is left out of the figures", cancellationToken);
    }

    private async Task<IActionResult> ResultAsync(int id, int responseId, DomainResult result, string done, CancellationToken cancellationToken)
    {
        if (this.NotFoundFor(result) is { } notFound)
        {
            return notFound;
        }

        if (result.Succeeded)
        {
            StatusMessage = done;
            return Redirect($"/staff/consultations/{id}/responses/{responseId}");
        }

        ModelState.Clear();
        ModelState.AddResult<FlagInput>(result, nameof(Flag));
        return await LoadAsync(id, responseId, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, int responseId, CancellationToken cancellationToken)
    {
        var response = await db.ConsultationResponses.AsNoTracking().Include(r => r.Answers)
            .SingleOrDefaultAsync(r => r.Id == responseId && r.ConsultationId == id, cancellationToken);
        var consultation = response is null ? null : await db.Consultations.AsNoTracking().AsSplitQuery()
            .Include(c => c.Questions).ThenInclude(q => q.Options)
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (response is null || consultation is null)
        {
            return false;
        }

        (Id, Title, Item) = (id, consultation.Title, response);
        EnteredBy = await DisplayNameAsync(response.EnteredByUserId, cancellationToken);
        FlaggedBy = await DisplayNameAsync(response.FlaggedByUserId, cancellationToken);
        var number = 0;
        Answers = consultation.Ordered.Select(q =>
        {
            var given = response.Answers.Where(a => a.QuestionId == q.Id).OrderBy(a => a.Id).Select(a =>
                a.OptionId is { } optionId ? q.Options.FirstOrDefault(o => o.Id == optionId)?.Label ?? "(a choice no longer offered)"
                : q.Kind.IsText() ? a.Text ?? "" : "Other: " + a.Text).ToList();
            return (++number, q.Text, given);
        }).ToList();
        return true;
    }

    private async Task<string?> DisplayNameAsync(string? userId, CancellationToken cancellationToken) =>
        userId is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "a former colleague";

    public sealed class FlagInput
    {
        public ResponseFlag? Flag { get; set; }
    }
}
