using System.Security.Claims;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Identity;
using Engagement.Web.Features.Feedback;
using Engagement.Web.Features.Journeys;
using Engagement.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Feedback;

/// <summary>
/// The feedback question pages, one question per page, run by <see cref="FeedbackJourney"/>: each step is a GET at its
/// own address, each answer a POST that redirects to the next step. The answers so far are held server-side
/// (<see cref="JourneyDrafts"/>), so refresh, Back and bookmarks behave, and nothing needs JavaScript or an account.
/// </summary>
[AllowAnonymous]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class QuestionModel(
    JourneyDrafts drafts,
    FeedbackProtector protector,
    FeedbackChoices choices,
    SubmitFeedbackHandler submit,
    TimeProvider clock,
    Features.Forms.MinimumCompletionTime minimumTime,
    EngagementDbContext db) : PageModel
{
    private static Journey<FeedbackDraft, FeedbackAnswers, FeedbackContext> Journey => FeedbackJourney.Steps;

    [BindProperty]
    public FeedbackAnswers Input { get; set; } = new();

    public string Step { get; private set; } = FeedbackJourney.Who;

    public FeedbackDraft Draft { get; private set; } = new();

    public FeedbackContext Choices { get; private set; } = FeedbackContext.None;

    public string? PreviousUrl => Journey.Previous(Draft, Step) is { } previous ? Journey.Url(Draft, previous) : null;

    public string StepTitle => Journey.Title(Step);

    /// <summary>On check your answers: the organisation a signed-in care provider is sending this for.</summary>
    public string? SentForOrganisation { get; private set; }

    /// <summary>A care provider signed in to their organisation's account sends feedback for it (the check page says so).</summary>
    private string? ProviderAccountId =>
        Draft.Role == SubmitterRole.CareProvider && User.IsInRole(Roles.Provider) ? User.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public string UrlOf(string step) => Journey.Url(Draft, step);

    public async Task<IActionResult> OnGetAsync(string step, CancellationToken cancellationToken)
    {
        var draft = await drafts.LoadAsync<FeedbackDraft>(HttpContext, FeedbackJourney.Name, cancellationToken);
        if (draft is null || draft.SentReference is not null)
        {
            if (step != FeedbackJourney.Who)
            {
                return Redirect(draft is null && drafts.HasKey(HttpContext, FeedbackJourney.Name) ? "/feedback?expired=true" : "/feedback");
            }

            // A new journey: the draft is created here, with the start time for the "too fast" check.
            draft = FeedbackDraft.Start(clock.GetUtcNow().UtcDateTime);
            await drafts.SaveAsync(HttpContext, FeedbackJourney.Name, draft, cancellationToken);
        }

        Draft = draft;
        var allowed = Journey.Resolve(draft, step);
        if (allowed != step)
        {
            return Redirect(Journey.Url(draft, allowed));
        }

        if (step == FeedbackJourney.Check)
        {
            await drafts.SaveAsync(HttpContext, FeedbackJourney.Name, draft, cancellationToken);
        }

        return await ShowAsync(step, FeedbackAnswers.From(draft));
    }

    public async Task<IActionResult> OnPostAsync(string step, CancellationToken cancellationToken)
    {
        var draft = await drafts.LoadAsync<FeedbackDraft>(HttpContext, FeedbackJourney.Name, cancellationToken);
        if (draft is null)
        {
            return Redirect("/feedback?expired=true");
        }

        Draft = draft;
        if (draft.SentReference is not null)
        {
            return Confirmation(new FeedbackReceipt(draft.SentReference, draft.TrackingToken, Created: false));
        }

        if (!string.IsNullOrEmpty(Input.Website))
        {
            draft.HoneypotFilled = true;
        }

        if (step == FeedbackJourney.Check)
        {
            return await SendAsync(cancellationToken);
        }

        var allowed = Journey.Resolve(draft, step);
        if (allowed != step)
        {
            return Redirect(Journey.Url(draft, allowed));
        }

        var context = await ContextAsync(step);
        if (!Journey.Submit(draft, step, Input, context, ModelState))
        {
            await drafts.SaveAsync(HttpContext, FeedbackJourney.Name, draft, cancellationToken);
            return await ShowAsync(step, Input);
        }

        await drafts.SaveAsync(HttpContext, FeedbackJourney.Name, draft, cancellationToken);
        return Redirect(Journey.Url(draft, Journey.Next(draft, step)));
    }

    private async Task<IActionResult> SendAsync(CancellationToken cancellationToken)
    {
        if (this.OverSubmissionLimit() is { } limited)
        {
            return limited;
        }

        if (Journey.FirstUnanswered(Draft) is { } missing)
        {
            return Redirect(Journey.Url(Draft, missing));
        }

        var tooFast = minimumTime.TooFast("Feedback:MinimumSecondsToComplete", Draft.StartedAt);
        var receipt = await submit.HandleAsync(
            new SubmitFeedback(
                Draft.Role!.Value,
                Draft.ProviderType,
                Draft.Section!.Value,
                Draft.Text!,
                Draft.Priorities,
                Draft.EventId,
                FeedbackChannel.OnlineForm,
                Draft.ContactName,
                Draft.ContactEmail,
                Draft.ConsentToContact,
                Draft.ConsentToProgressUpdates,
                Draft.SubmissionKey,
                Draft.TrackingToken,
                LooksLikeBot: Draft.HoneypotFilled || tooFast,
                ProviderAccountId: ProviderAccountId),
            cancellationToken);
        await drafts.SaveAsync(HttpContext, FeedbackJourney.Name, Draft.Sent(receipt.Reference), cancellationToken);
        return Confirmation(receipt);
    }

    private RedirectResult Confirmation(FeedbackReceipt receipt) =>
        Redirect("/feedback/confirmation?receipt=" + Uri.EscapeDataString(protector.Protect(receipt)));

    private async Task<IActionResult> ShowAsync(string step, FeedbackAnswers answers)
    {
        Step = step;
        Input = answers;
        Choices = await ContextAsync(step);
        if (step == FeedbackJourney.Check && ProviderAccountId is { } account)
        {
            SentForOrganisation = await db.Users.AsNoTracking().Where(u => u.Id == account).Select(u => u.OrganisationName).FirstOrDefaultAsync();
        }

        return Page();
    }

    private async Task<FeedbackContext> ContextAsync(string step) =>
        step is FeedbackJourney.PrioritiesStep or FeedbackJourney.Check
            ? new FeedbackContext(await choices.PrioritiesAsync(), await choices.RecentEventsAsync(Draft.EventId))
            : FeedbackContext.None;
}
