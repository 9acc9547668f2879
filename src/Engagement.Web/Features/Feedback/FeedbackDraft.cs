using System.Security.Cryptography;
using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Security;
using Engagement.Web.Features.Forms;
using Microsoft.AspNetCore.DataProtection;

namespace Engagement.Web.Features.Feedback;

/// <summary>
/// The answers so far, carried between question pages in one protected hidden field (see
/// docs/decisions/0004-feedback-draft.md). Nothing is written to the database until "Send feedback".
/// </summary>
public sealed class FeedbackDraft
{
    /// <summary>Random per journey: a repeated "Send feedback" with the same draft creates one item.</summary>
    public string SubmissionKey { get; set; } = "";

    /// <summary>The private link token, created with the draft so that a repeated send shows the same link.</summary>
    public string TrackingToken { get; set; } = "";

    public DateTime StartedAt { get; set; }
    public SubmitterRole? Role { get; set; }
    public ProviderType? ProviderType { get; set; }
    public ServiceSection? Section { get; set; }
    public string? Text { get; set; }
    public List<int> Priorities { get; set; } = [];
    public bool PrioritiesNotSure { get; set; }

    /// <summary>Whether the priorities page has been answered (it is optional, so an empty answer is still an answer).</summary>
    public bool PrioritiesAnswered { get; set; }

    public int? EventId { get; set; }
    public bool ContactAnswered { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public bool ConsentToContact { get; set; }
    public bool ConsentToProgressUpdates { get; set; }

    /// <summary>The hidden "leave this field empty" field was filled in on some page.</summary>
    public bool HoneypotFilled { get; set; }

    /// <summary>Set once the person reaches check your answers: after a change, go back there.</summary>
    public bool ReachedCheck { get; set; }

    public static FeedbackDraft Start(DateTime now) => new()
    {
        SubmissionKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        TrackingToken = SecureToken.Create(),
        StartedAt = now,
    };
}

/// <summary>Encrypts and authenticates drafts and receipts with ASP.NET Core Data Protection.</summary>
public sealed class FeedbackProtector(IDataProtectionProvider provider, TimeProvider clock)
{
    public static readonly TimeSpan DraftLifetime = TimeSpan.FromHours(24);
    public static readonly TimeSpan ReceiptLifetime = TimeSpan.FromHours(2);

    private readonly ProtectedState<FeedbackDraft> _drafts = new(provider, clock, "Engagement.Feedback.Draft.v1", DraftLifetime);
    private readonly ProtectedState<FeedbackReceipt> _receipts = new(provider, clock, "Engagement.Feedback.Receipt.v1", ReceiptLifetime);

    public string Protect(FeedbackDraft draft) => _drafts.Protect(draft);

    /// <summary>The draft, or null when it is missing, tampered with or expired.</summary>
    public FeedbackDraft? Unprotect(string? value) => _drafts.Unprotect(value);

    public string Protect(FeedbackReceipt receipt) => _receipts.Protect(receipt);

    public FeedbackReceipt? UnprotectReceipt(string? value) => _receipts.Unprotect(value);
}
