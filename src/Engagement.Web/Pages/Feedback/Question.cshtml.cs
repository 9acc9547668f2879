using System.ComponentModel.DataAnnotations;
using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Web.Features.Feedback;
using Engagement.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Feedback;

/// <summary>
/// The feedback question pages, one question per page. Answers travel in a protected hidden field (the draft); a valid
/// answer renders the next page straight away, so the journey needs no JavaScript, no account and no session.
/// </summary>
[AllowAnonymous]
public sealed class QuestionModel(
    FeedbackProtector protector,
    FeedbackChoices choices,
    SubmitFeedbackHandler submit,
    TimeProvider clock,
    IConfiguration configuration) : PageModel
{
    public const string Who = "who";
    public const string ProviderTypeStep = "provider-type";
    public const string About = "about";
    public const string TellUs = "tell-us";
    public const string PrioritiesStep = "priorities";
    public const string Contact = "contact";
    public const string Check = "check";

    public static readonly string[] Steps = [Who, ProviderTypeStep, About, TellUs, PrioritiesStep, Contact, Check];

    [BindProperty]
    public FeedbackAnswers Input { get; set; } = new();

    /// <summary>The protected draft (hidden field).</summary>
    [BindProperty(Name = "Draft")]
    public string? ProtectedDraft { get; set; }

    /// <summary>Set by Back and Change buttons: show the page with the saved answers, without checking this one.</summary>
    [BindProperty]
    public bool Show { get; set; }

    public string Step { get; private set; } = Who;

    public FeedbackDraft Draft { get; private set; } = new();

    public List<PriorityChoice> PriorityChoices { get; private set; } = [];

    public List<EventChoice> EventChoices { get; private set; } = [];

    public string? PreviousStep => Step switch
    {
        ProviderTypeStep => Who,
        About => Draft.Role == SubmitterRole.CareProvider ? ProviderTypeStep : Who,
        TellUs => About,
        PrioritiesStep => TellUs,
        Contact => PrioritiesStep,
        Check => Contact,
        _ => null,
    };

    public string StepTitle => Step switch
    {
        Who => "Who are you?",
        ProviderTypeStep => "What kind of care do you provide?",
        About => "What is your feedback about?",
        TellUs => "What do you want to tell us?",
        PrioritiesStep => "Which of our priorities is it about?",
        Contact => "Do you want us to contact you?",
        _ => "Check your answers before sending your feedback",
    };

    public async Task<IActionResult> OnGetAsync(string step)
    {
        if (step != Who)
        {
            // Later pages need the answers so far, which only travel with a form.
            return Redirect("/feedback");
        }

        Draft = FeedbackDraft.Start(clock.GetUtcNow().UtcDateTime);
        return await ShowAsync(Who);
    }

    public async Task<IActionResult> OnPostAsync(string step, CancellationToken cancellationToken)
    {
        if (!Steps.Contains(step))
        {
            return NotFound();
        }

        var draft = protector.Unprotect(ProtectedDraft);
        if (draft is null)
        {
            return Redirect("/feedback?expired=true");
        }

        Draft = draft;
        if (Show)
        {
            return await ShowAsync(step);
        }

        if (!string.IsNullOrEmpty(Input.Website))
        {
            Draft.HoneypotFilled = true;
        }

        if (step == Check)
        {
            return await SendAsync(cancellationToken);
        }

        Step = step;
        await LoadChoicesAsync();
        if (!Validate(step))
        {
            ProtectedDraft = protector.Protect(Draft);
            return Page();
        }

        Save(step);
        return await ShowAsync(NextStep(step));
    }

    private async Task<IActionResult> SendAsync(CancellationToken cancellationToken)
    {
        if (this.OverSubmissionLimit() is { } limited)
        {
            return limited;
        }

        var missing = FirstUnanswered();
        if (missing is not null)
        {
            return await ShowAsync(missing);
        }

        var minimum = TimeSpan.FromSeconds(configuration.GetValue("Feedback:MinimumSecondsToComplete", 3));
        var tooFast = clock.GetUtcNow().UtcDateTime - Draft.StartedAt < minimum;
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
                LooksLikeBot: Draft.HoneypotFilled || tooFast),
            cancellationToken);
        return Redirect("/feedback/confirmation?receipt=" + Uri.EscapeDataString(protector.Protect(receipt)));
    }

    private string? FirstUnanswered() =>
        Draft.Role is null ? Who
        : Draft.Role == SubmitterRole.CareProvider && Draft.ProviderType is null ? ProviderTypeStep
        : Draft.Section is null ? About
        : string.IsNullOrEmpty(Draft.Text) ? TellUs
        : !Draft.PrioritiesAnswered ? PrioritiesStep
        : !Draft.ContactAnswered ? Contact
        : null;

    private string NextStep(string step)
    {
        if (step == Who && Draft.Role == SubmitterRole.CareProvider && (Draft.ProviderType is null || !Draft.ReachedCheck))
        {
            return ProviderTypeStep;
        }

        if (Draft.ReachedCheck)
        {
            return FirstUnanswered() ?? Check;
        }

        return step switch
        {
            Who or ProviderTypeStep => About,
            About => TellUs,
            TellUs => PrioritiesStep,
            PrioritiesStep => Contact,
            _ => Check,
        };
    }

    private async Task<IActionResult> ShowAsync(string step)
    {
        Step = step;
        if (step == Check)
        {
            var missing = FirstUnanswered();
            if (missing is not null)
            {
                Step = missing;
            }
            else
            {
                Draft.ReachedCheck = true;
            }
        }

        ModelState.Clear();
        Input = FeedbackAnswers.From(Draft);
        ProtectedDraft = protector.Protect(Draft);
        await LoadChoicesAsync();
        return Page();
    }

    private async Task LoadChoicesAsync()
    {
        if (Step is PrioritiesStep or Check)
        {
            PriorityChoices = await choices.PrioritiesAsync();
            EventChoices = await choices.RecentEventsAsync(Draft.EventId);
        }
    }

    private bool Validate(string step)
    {
        switch (step)
        {
            case Who:
                if (Input.Role is null || !Enum.IsDefined(Input.Role.Value))
                {
                    ModelState.AddModelError("Input.Role", "Select who you are");
                }

                break;
            case ProviderTypeStep:
                if (Input.ProviderType is null || !Enum.IsDefined(Input.ProviderType.Value))
                {
                    ModelState.AddModelError("Input.ProviderType", "Select what kind of care you provide");
                }

                break;
            case About:
                if (Input.Section is null || !Enum.IsDefined(Input.Section.Value))
                {
                    ModelState.AddModelError("Input.Section", "Select what your feedback is about");
                }

                break;
            case TellUs:
                FeedbackValidation.Text(ModelState, "Input.Text", Input.Text);
                break;
            case PrioritiesStep:
                if (Input.PrioritiesNotSure && Input.Priorities.Count > 0)
                {
                    ModelState.AddModelError("Input.Priorities", "Select the priorities it is about, or \u2018I\u2019m not sure\u2019, not both");
                }
                else if (!FeedbackChoices.AreLive(Input.Priorities, PriorityChoices))
                {
                    ModelState.AddModelError("Input.Priorities", "Select priorities from the list");
                }

                if (Input.EventId is { } eventId && EventChoices.All(e => e.Id != eventId))
                {
                    ModelState.AddModelError("Input.EventId", "Select an event from the list");
                }

                break;
            case Contact:
                FeedbackValidation.Contact(ModelState, "Input", Input.ContactName, Input.ContactEmail, Input.ConsentToContact, Input.ConsentToProgressUpdates);
                break;
        }

        return ModelState.ErrorCount == 0;
    }

    private void Save(string step)
    {
        switch (step)
        {
            case Who:
                Draft.Role = Input.Role;
                if (Draft.Role != SubmitterRole.CareProvider)
                {
                    Draft.ProviderType = null;
                }

                break;
            case ProviderTypeStep:
                Draft.ProviderType = Input.ProviderType;
                break;
            case About:
                Draft.Section = Input.Section;
                break;
            case TellUs:
                Draft.Text = FeedbackValidation.NormaliseText(Input.Text);
                break;
            case PrioritiesStep:
                Draft.Priorities = Input.Priorities.Distinct().Order().ToList();
                Draft.PrioritiesNotSure = Input.PrioritiesNotSure;
                Draft.EventId = Input.EventId;
                Draft.PrioritiesAnswered = true;
                break;
            case Contact:
                var email = string.IsNullOrWhiteSpace(Input.ContactEmail) ? null : Input.ContactEmail.Trim();
                Draft.ContactEmail = email;
                Draft.ContactName = email is null || string.IsNullOrWhiteSpace(Input.ContactName) ? null : Input.ContactName.Trim();
                Draft.ConsentToContact = email is not null && Input.ConsentToContact;
                Draft.ConsentToProgressUpdates = email is not null && Input.ConsentToProgressUpdates;
                Draft.ContactAnswered = true;
                break;
        }
    }
}

/// <summary>The answers a person may give on the question pages (only the fields of the page being posted are used).</summary>
public sealed class FeedbackAnswers
{
    public SubmitterRole? Role { get; set; }
    public ProviderType? ProviderType { get; set; }
    public ServiceSection? Section { get; set; }
    public string? Text { get; set; }
    public List<int> Priorities { get; set; } = [];
    public bool PrioritiesNotSure { get; set; }
    public int? EventId { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public bool ConsentToContact { get; set; }
    public bool ConsentToProgressUpdates { get; set; }

    /// <summary>The honeypot: people never see it, so anything in it came from a bot.</summary>
    [Display(Name = "Leave this field empty")]
    public string? Website { get; set; }

    public static FeedbackAnswers From(FeedbackDraft draft) => new()
    {
        Role = draft.Role,
        ProviderType = draft.ProviderType,
        Section = draft.Section,
        Text = draft.Text,
        Priorities = [.. draft.Priorities],
        PrioritiesNotSure = draft.PrioritiesNotSure,
        EventId = draft.EventId,
        ContactName = draft.ContactName,
        ContactEmail = draft.ContactEmail,
        ConsentToContact = draft.ConsentToContact,
        ConsentToProgressUpdates = draft.ConsentToProgressUpdates,
    };
}
