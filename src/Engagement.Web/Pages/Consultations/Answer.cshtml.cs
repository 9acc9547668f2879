using System.Security.Claims;
using Engagement.Domain.Consultations;
using Engagement.Domain.Events;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Engagement.Web.Features.Consultations;
using Engagement.Web.Features.Forms;
using Engagement.Web.Features.Journeys;
using Engagement.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Pages.Consultations;

/// <summary>
/// Answering a consultation, run by <see cref="ConsultationJourney"/>: one address per page of questions, then an
/// optional email address, then check your answers, each with post-redirect-get; "save and come back later" emails a
/// private link to the draft. Works without JavaScript. The draft outlives the closing date: someone part-way through
/// when it closes is told plainly and may still send, and the response is kept, marked late, for staff to see.
/// </summary>
[AllowAnonymous]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class AnswerModel(
    EngagementDbContext db,
    JourneyDrafts drafts,
    ConsultationProtector protector,
    SubmitConsultationResponseHandler submit,
    EmailOutbox outbox,
    IOptions<ServiceOptions> service,
    MinimumCompletionTime minimumTime,
    TimeProvider clock) : PageModel
{
    public const string SaveSlug = "save";

    /// <summary>A response sent faster than this, from the draft's start, is kept but held back as a likely bot.</summary>
    public const string MinimumSecondsSetting = "Consultations:MinimumSecondsToComplete";

    private Journey<ConsultationDraft, ConsultationAnswersInput, Consultation> _journey = null!;

    public ConsultationAnswersInput Input { get; private set; } = new();

    public string Step { get; private set; } = "";

    public ConsultationDraft Draft { get; private set; } = new();

    public Consultation Consultation { get; private set; } = null!;

    /// <summary>Why this person cannot answer (shown instead of the form).</summary>
    public string? Refusal { get; private set; }

    /// <summary>Offer to sign in (a provider audience, asked by someone not signed in as a provider).</summary>
    public bool OfferSignIn { get; private set; }

    /// <summary>It closed while this person was part-way through: they may still send, as a late response.</summary>
    public bool ClosedWhileAnswering { get; private set; }

    /// <summary>"Save and come back later": the address the link was sent to.</summary>
    public string? SavedTo { get; private set; }

    public int? PageNumber => ConsultationJourney.PageOf(Step);

    public IReadOnlyList<ConsultationQuestion> Questions => PageNumber is { } page ? ConsultationJourney.QuestionsOn(Consultation, page) : [];

    public string StepTitle => Refusal is not null ? "You cannot answer this consultation"
        : Step == SaveSlug ? (SavedTo is null ? "Save your answers and come back later" : "Check your email")
        : Questions.Count == 1 ? Questions[0].Text : _journey.Title(Step);

    public string? PreviousUrl => Step == SaveSlug ? null : _journey.Previous(Draft, Step) is { } previous ? _journey.Url(Draft, previous) : null;

    public string UrlOf(string step) => _journey.Url(Draft, step);

    public IEnumerable<string> PageSlugs => _journey.Steps.Select(s => s.Slug).Where(s => ConsultationJourney.PageOf(s) is not null);

    public async Task<IActionResult> OnGetAsync(int id, string? step, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        step ??= _journey.Steps[0].Slug;
        var draft = await drafts.LoadAsync<ConsultationDraft>(HttpContext, ConsultationJourney.Name, cancellationToken);
        if (draft is not null && draft.ConsultationId != id)
        {
            draft = null;
        }

        if (await RefuseAsync(draft))
        {
            return Page();
        }

        if (draft is null)
        {
            if (step != _journey.Steps[0].Slug)
            {
                return Redirect(ConsultationJourney.BasePath(id));
            }

            draft = ConsultationDraft.Start(id, clock.GetUtcNow().UtcDateTime);
            await drafts.SaveAsync(HttpContext, ConsultationJourney.Name, draft, cancellationToken, ConsultationJourney.DraftLifetime);
        }

        Draft = draft;
        Input = ConsultationAnswersInput.From(draft);
        if (step == SaveSlug)
        {
            Step = SaveSlug;
            return Page();
        }

        var allowed = _journey.Resolve(draft, step);
        if (allowed != step)
        {
            return Redirect(_journey.Url(draft, allowed));
        }

        if (step == ConsultationJourney.Check)
        {
            await drafts.SaveAsync(HttpContext, ConsultationJourney.Name, draft, cancellationToken, ConsultationJourney.DraftLifetime);
        }

        Step = step;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string? step, string? action, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var draft = await drafts.LoadAsync<ConsultationDraft>(HttpContext, ConsultationJourney.Name, cancellationToken);
        if (draft is null || draft.ConsultationId != id)
        {
            return Redirect(ConsultationJourney.BasePath(id));
        }

        Draft = draft;
        if (await RefuseAsync(draft))
        {
            return Page();
        }

        step ??= _journey.Steps[0].Slug;
        Input = ConsultationAnswersInput.FromForm(Request.Form);
        if (step == SaveSlug)
        {
            return await EmailDraftLinkAsync(cancellationToken);
        }

        if (step == ConsultationJourney.Check)
        {
            return await SendAsync(cancellationToken);
        }

        var allowed = _journey.Resolve(draft, step);
        if (allowed != step)
        {
            return Redirect(_journey.Url(draft, allowed));
        }

        Step = step;
        if (action == SaveSlug)
        {
            // Keep what is on this page as given (checked when they come back and continue), then ask where to send the link.
            _journey.Find(step)!.Save(Input, draft);
            await drafts.SaveAsync(HttpContext, ConsultationJourney.Name, draft, cancellationToken, ConsultationJourney.DraftLifetime);
            return Redirect(_journey.Url(draft, SaveSlug));
        }

        if (!_journey.Submit(draft, step, Input, Consultation, ModelState))
        {
            return Page();
        }

        await drafts.SaveAsync(HttpContext, ConsultationJourney.Name, draft, cancellationToken, ConsultationJourney.DraftLifetime);
        return Redirect(_journey.Url(draft, _journey.Next(draft, step)));
    }

    private async Task<IActionResult> EmailDraftLinkAsync(CancellationToken cancellationToken)
    {
        Step = SaveSlug;
        var email = Input.Email?.Trim() ?? "";
        if (email.Length == 0 || email.Length > EventLimits.EmailMaxLength || !PersonDetails.IsEmail(email))
        {
            ModelState.AddModelError("Input.Email", email.Length == 0 ? "Enter your email address" : "Enter an email address in the correct format, like name@example.com");
            return Page();
        }

        if (this.OverSubmissionLimit() is { } limited)
        {
            return limited;
        }

        // The draft is saved again so the link works for the whole lifetime from now.
        await drafts.SaveAsync(HttpContext, ConsultationJourney.Name, Draft, cancellationToken, ConsultationJourney.DraftLifetime);
        var key = drafts.CurrentKey(HttpContext, ConsultationJourney.Name)
            ?? throw new InvalidOperationException("A saved draft has a key.");
        var expires = UkTime.Describe(clock.GetUtcNow().UtcDateTime + ConsultationJourney.DraftLifetime);
        outbox.Queue(ConsultationEmails.SaveAndReturn(service.Value, email, Consultation.Title,
            service.Value.Link($"/consultations/resume/{key}"), expires));
        await db.SaveChangesAsync(cancellationToken);
        SavedTo = email;
        return Page();
    }

    private async Task<IActionResult> SendAsync(CancellationToken cancellationToken)
    {
        if (this.OverSubmissionLimit() is { } limited)
        {
            return limited;
        }

        if (_journey.FirstUnanswered(Draft) is { } missing)
        {
            return Redirect(_journey.Url(Draft, missing));
        }

        var providerUserId = User.IsInRole(Engagement.Infrastructure.Identity.Roles.Provider) ? User.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        var result = await submit.HandleAsync(
            new SubmitConsultationResponse(Consultation.Id, Draft.Values, ResponseChannel.Online, Draft.Email, Draft.WantsAcknowledgement,
                Draft.WantsOutcome, Draft.SubmissionKey, Draft.Token, ProviderUserId: providerUserId,
                SentTooQuickly: minimumTime.TooFast(MinimumSecondsSetting, Draft.StartedAt)),
            cancellationToken);
        if (this.NotFoundFor(result) is { } notFound)
        {
            return notFound;
        }

        if (!result.Succeeded)
        {
            // The questions changed wording only, so a refusal here means an answer no longer fits (or it has not opened):
            // back to the first page with a problem, the answers kept.
            var first = result.Errors.FirstOrDefault(e => e.Property is not null && Consultation.Questions.Any(q => q.FieldName == e.Property || q.OtherFieldName == e.Property));
            var question = first is null ? null : Consultation.Questions.First(q => q.FieldName == first.Property || q.OtherFieldName == first.Property);
            Step = question is null ? ConsultationJourney.Check : ConsultationJourney.PageSlug(question.PageNumber);
            Input = ConsultationAnswersInput.From(Draft);
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Property ?? "", error.Message);
            }

            return Page();
        }

        await drafts.DiscardAsync(HttpContext, ConsultationJourney.Name, cancellationToken);
        var receipt = result.Value!;
        var sent = new ConsultationSent(Consultation.Id, Consultation.Title, receipt.Reference, receipt.Token, receipt.Late, Draft.WantsAcknowledgement);
        return Redirect($"/consultations/{Consultation.Id}/sent?receipt=" + Uri.EscapeDataString(protector.Protect(sent)));
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().AsSplitQuery()
            .Include(c => c.Questions).ThenInclude(q => q.Options)
            .SingleOrDefaultAsync(c => c.Id == id && c.IsPublished, cancellationToken);
        if (consultation is null || consultation.Questions.Count == 0)
        {
            return false;
        }

        Consultation = consultation;
        _journey = ConsultationJourney.For(consultation);
        return true;
    }

    /// <summary>
    /// Who may answer, and when: the audience always; the dates only for someone starting. Someone with answers in
    /// progress when it closed may still send them (as a late response).
    /// </summary>
    private async Task<bool> RefuseAsync(ConsultationDraft? draft)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var person = await Features.Providers.ProviderRegistrant.ForUserAsync(db, User);
        var phase = Consultation.PhaseAt(now);
        var inProgress = draft is not null && draft.Answered.Count > 0;
        var check = phase == ConsultationPhase.Closed && inProgress ? Consultation.CheckAudience(person) : Consultation.CanAnswer(now, person);
        ClosedWhileAnswering = phase == ConsultationPhase.Closed && inProgress && check.Succeeded;
        Refusal = check.Succeeded ? null : check.Error;
        OfferSignIn = Refusal is not null && phase == ConsultationPhase.Open && !person.HasProviderAccount &&
            Consultation.Audience is ConsultationAudience.Providers or ConsultationAudience.CareHomeProviders or ConsultationAudience.HomeCareProviders;
        return Refusal is not null;
    }
}
