using Engagement.Domain.Consultations;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Consultations;

/// <summary>
/// The private link to one's own response: the answers as received, and a way to remove one's email address (which
/// stops any email still to come). Nobody else can see a response: it is never published.
/// </summary>
[AllowAnonymous]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ResponseModel(EngagementDbContext db, TimeProvider clock) : PageModel
{
    public ConsultationResponse Mine { get; private set; } = null!;

    public Consultation Consultation { get; private set; } = null!;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) =>
        await LoadAsync(token, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRemoveEmailAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length > 100)
        {
            return NotFound();
        }

        var hash = SecureToken.Hash(token);
        var response = await db.ConsultationResponses.SingleOrDefaultAsync(r => r.TokenHash == hash, cancellationToken);
        if (response is null)
        {
            return NotFound();
        }

        response.RemoveContactDetails();
        db.AuditRecords.Add(new Domain.Auditing.AuditRecord
        {
            At = clock.GetUtcNow().UtcDateTime,
            Action = "consultation.response-email-removed",
            EntityType = nameof(ConsultationResponse),
            EntityId = response.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Detail = "by the person, from their private link",
        });
        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = "We have removed your email address. We will not email you about this response again.";
        return Redirect($"/consultations/response/{Uri.EscapeDataString(token)}");
    }

    private async Task<bool> LoadAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length > 100)
        {
            return false;
        }

        var hash = SecureToken.Hash(token);
        var response = await db.ConsultationResponses.AsNoTracking().Include(r => r.Answers).SingleOrDefaultAsync(r => r.TokenHash == hash, cancellationToken);
        if (response is null)
        {
            return false;
        }

        Mine = response;
        Consultation = await db.Consultations.AsNoTracking().AsSplitQuery().Include(c => c.Questions).ThenInclude(q => q.Options)
            .SingleAsync(c => c.Id == response.ConsultationId, cancellationToken);
        return true;
    }

    /// <summary>The answer to one question as the person gave it, for display.</summary>
    public string AnswerTo(ConsultationQuestion question)
    {
        var given = Mine.Answers.Where(a => a.QuestionId == question.Id).ToList();
        var labels = given.Select(a => a.OptionId is { } optionId
            ? question.Options.FirstOrDefault(o => o.Id == optionId)?.Label ?? ""
            : question.Kind.IsText() ? a.Text ?? "" : $"Other: {a.Text}");
        var shown = string.Join(", ", labels.Where(l => l.Length > 0));
        return shown.Length == 0 ? "Not answered" : shown;
    }
}
