using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Security;
using Engagement.Web.Features.Forms;
using Engagement.Web.Features.Journeys;
using Microsoft.AspNetCore.DataProtection;

namespace Engagement.Web.Features.Feedback;

/// <summary>
/// The answers so far, held server-side by <see cref="JourneyDrafts"/> (docs/decisions/0013-journey-engine-and-result-type.md). Nothing
/// becomes a feedback item until "Send feedback".
/// </summary>
public sealed class FeedbackDraft : JourneyDraft
{
    /// <summary>Random per journey: a repeated "Send feedback" with the same draft creates one item.</summary>
    public string SubmissionKey { get; set; } = "";

    /// <summary>The private link token, created with the draft so that a repeated send shows the same link.</summary>
    public string TrackingToken { get; set; } = "";

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

    /// <summary>The hidden "leave this field empty" field was filled in on some page.</summary>
    public bool HoneypotFilled { get; set; }

    /// <summary>
    /// Once sent, the draft keeps only the reference, so a repeated "Send feedback" shows the same confirmation; the
    /// answers themselves are cleared from it at once.
    /// </summary>
    public string? SentReference { get; set; }

    /// <summary>What is left of the draft once it has been sent.</summary>
    public FeedbackDraft Sent(string reference) => new()
    {
        SubmissionKey = SubmissionKey,
        TrackingToken = TrackingToken,
        StartedAt = StartedAt,
        SentReference = reference,
    };

    public static FeedbackDraft Start(DateTime now) => new()
    {
        SubmissionKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        TrackingToken = SecureToken.Create(),
        StartedAt = now,
    };
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

/// <summary>What the priorities step checks answers against: the live priorities and recent events.</summary>
public sealed record FeedbackContext(IReadOnlyList<PriorityChoice> Priorities, IReadOnlyList<EventChoice> Events)
{
    public static FeedbackContext None { get; } = new([], []);
}

/// <summary>The feedback question pages as a table of steps, one question per page.</summary>
public static class FeedbackJourney
{
    public const string Name = "feedback";
    public const string Who = "who";
    public const string ProviderTypeStep = "provider-type";
    public const string About = "about";
    public const string TellUs = "tell-us";
    public const string PrioritiesStep = "priorities";
    public const string Contact = "contact";
    public const string Check = Journey<FeedbackDraft, FeedbackAnswers, FeedbackContext>.CheckSlug;

    public static Journey<FeedbackDraft, FeedbackAnswers, FeedbackContext> Steps { get; } = new(
        Name,
        _ => "/feedback",
        "Check your answers before sending your feedback",
        [
            new(Who, "Who are you?",
                (a, _, errors) => RequireChoice(errors, "Input.Role", a.Role, "Select who you are"),
                (a, d) =>
                {
                    d.Role = a.Role;
                    if (d.Role != SubmitterRole.CareProvider)
                    {
                        d.ProviderType = null;
                        d.Forget(ProviderTypeStep);
                    }
                }),
            new(ProviderTypeStep, "What kind of care do you provide?",
                (a, _, errors) => RequireChoice(errors, "Input.ProviderType", a.ProviderType, "Select what kind of care you provide"),
                (a, d) => d.ProviderType = a.ProviderType,
                d => d.Role == SubmitterRole.CareProvider),
            new(About, "What is your feedback about?",
                (a, _, errors) => RequireChoice(errors, "Input.Section", a.Section, "Select what your feedback is about"),
                (a, d) => d.Section = a.Section),
            new(TellUs, "What do you want to tell us?",
                (a, _, errors) => FeedbackValidation.Text(errors, "Input.Text", a.Text),
                (a, d) => d.Text = FeedbackValidation.NormaliseText(a.Text)),
            new(PrioritiesStep, "Which of our priorities is it about?",
                (a, context, errors) =>
                {
                    if (a.PrioritiesNotSure && a.Priorities.Count > 0)
                    {
                        errors.AddModelError("Input.Priorities", "Select the priorities it is about, or \u2018I\u2019m not sure\u2019, not both");
                    }
                    else if (!FeedbackChoices.AreLive(a.Priorities, context.Priorities))
                    {
                        errors.AddModelError("Input.Priorities", "Select priorities from the list");
                    }

                    if (a.EventId is { } eventId && context.Events.All(e => e.Id != eventId))
                    {
                        errors.AddModelError("Input.EventId", "Select an event from the list");
                    }
                },
                (a, d) =>
                {
                    d.Priorities = a.Priorities.Distinct().Order().ToList();
                    d.PrioritiesNotSure = a.PrioritiesNotSure;
                    d.EventId = a.EventId;
                }),
            new(Contact, "Do you want us to contact you?",
                (a, _, errors) => FeedbackValidation.Contact(errors, "Input", a.ContactName, a.ContactEmail, a.ConsentToContact, a.ConsentToProgressUpdates),
                (a, d) =>
                {
                    var email = string.IsNullOrWhiteSpace(a.ContactEmail) ? null : a.ContactEmail.Trim();
                    d.ContactEmail = email;
                    d.ContactName = email is null || string.IsNullOrWhiteSpace(a.ContactName) ? null : a.ContactName.Trim();
                    d.ConsentToContact = email is not null && a.ConsentToContact;
                    d.ConsentToProgressUpdates = email is not null && a.ConsentToProgressUpdates;
                }),
        ]);

    private static void RequireChoice<TEnum>(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary errors, string key, TEnum? value, string message)
        where TEnum : struct, Enum
    {
        if (value is null || !Enum.IsDefined(value.Value))
        {
            errors.AddModelError(key, message);
        }
    }
}

/// <summary>Encrypts and authenticates receipts (what the confirmation page shows) with ASP.NET Core Data Protection.</summary>
public sealed class FeedbackProtector(IDataProtectionProvider provider, TimeProvider clock)
{
    public static readonly TimeSpan ReceiptLifetime = TimeSpan.FromHours(2);

    private readonly ProtectedState<FeedbackReceipt> _receipts = new(provider, clock, "Engagement.Feedback.Receipt.v1", ReceiptLifetime);

    public string Protect(FeedbackReceipt receipt) => _receipts.Protect(receipt);

    public FeedbackReceipt? UnprotectReceipt(string? value) => _receipts.Unprotect(value);
}
