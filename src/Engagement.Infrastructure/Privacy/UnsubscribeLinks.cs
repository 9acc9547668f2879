using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Engagement.Infrastructure.Privacy;

/// <summary>What an unsubscribe link stops: progress emails for some feedback items, reminders for one booking, or an email alert subscription.</summary>
public sealed record Unsubscription(UnsubscribeKind Kind, IReadOnlyList<int> Ids);

public enum UnsubscribeKind
{
    ProgressEmails = 1,
    EventReminders = 2,
    EmailAlerts = 3,
    ConsultationOutcome = 4,
    ForumAgendaItemProgress = 5,
}

/// <summary>
/// The one set of unsubscribe addresses for every email a person can stop (progress emails, reminders, email alerts),
/// served by the one page <c>/unsubscribe/{token}</c>. One-click (RFC 8058) addresses that need no account and no stored token: the record ids, encrypted and
/// signed with the app's data protection keys (shared by every instance, kept in the database), so the address cannot
/// be guessed or altered, and nothing about the person is readable in it.
/// </summary>
public sealed class UnsubscribeLinks(IDataProtectionProvider provider, IOptions<ServiceOptions> service)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Engagement.Unsubscribe.v1");

    public string ForFeedback(IEnumerable<int> feedbackItemIds) => Url(UnsubscribeKind.ProgressEmails, feedbackItemIds);

    public string ForRegistration(int registrationId) => Url(UnsubscribeKind.EventReminders, [registrationId]);

    public string ForAlerts(int subscriptionId) => Url(UnsubscribeKind.EmailAlerts, [subscriptionId]);

    public string ForConsultationResponse(int responseId) => Url(UnsubscribeKind.ConsultationOutcome, [responseId]);

    public string ForAgendaItems(IEnumerable<int> agendaItemIds) => Url(UnsubscribeKind.ForumAgendaItemProgress, agendaItemIds);

    /// <summary>The path a link points to (for pages that link to it themselves).</summary>
    public string Path(UnsubscribeKind kind, IEnumerable<int> ids) =>
        "/unsubscribe/" + _protector.Protect($"{(int)kind}:{string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture)))}");

    /// <summary>Null for anything this app did not issue.</summary>
    public Unsubscription? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }

        var parts = payload.Split(':', 2);
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var kind) || !Enum.IsDefined((UnsubscribeKind)kind))
        {
            return null;
        }

        var ids = parts[1].Split(',').Select(s => int.TryParse(s, CultureInfo.InvariantCulture, out var id) ? id : 0).ToList();
        return ids.Count == 0 || ids.Any(id => id <= 0) ? null : new Unsubscription((UnsubscribeKind)kind, ids);
    }

    private string Url(UnsubscribeKind kind, IEnumerable<int> ids) => service.Value.Link(Path(kind, ids));
}
