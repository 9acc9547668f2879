using System.Globalization;
using System.Security.Cryptography;
using Engagement.Domain.Alerts;
using Engagement.Domain.Common;
using Engagement.Domain.Responses;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Engagement.Infrastructure.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Features.Alerts;

/// <summary>The "Alerts" configuration section.</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>An unconfirmed request (and its address) is removed after this many days.</summary>
    public int UnconfirmedDays { get; set; } = 3;
}

public sealed record SubscribeToAlerts(string? Email, IReadOnlyList<int> Priorities, IReadOnlyList<ServiceSection> Sections, IReadOnlyList<ResponseStatus> Statuses, AlertFrequency? Frequency);

/// <summary>
/// The manage link (unsubscribing uses the one <c>UnsubscribeLinks</c> address for every kind of email): the subscription id and its random stamp, protected by ASP.NET Core Data
/// Protection (keys shared by every instance in the database), so the job can put them in every alert while the
/// database holds nothing that works as a link by itself. Deleting the subscription kills every link.
/// </summary>
public sealed class AlertLinks(IDataProtectionProvider protection, IOptions<ServiceOptions> service)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Engagement.Alerts.Manage.v1");

    public string Token(AlertSubscription subscription) => _protector.Protect($"{subscription.Id.ToString(CultureInfo.InvariantCulture)}.{subscription.ManageStamp}");

    public string Manage(AlertSubscription subscription) => service.Value.Link("/alerts/manage/" + Token(subscription));


    /// <summary>The subscription a token names, or null for anything forged, altered, truncated or gone.</summary>
    public async Task<AlertSubscription?> FindAsync(EngagementDbContext db, string? token, CancellationToken cancellationToken)
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
        catch (CryptographicException)
        {
            return null;
        }

        var parts = payload.Split('.', 2);
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        var subscription = await db.AlertSubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return subscription is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(subscription.ManageStamp), System.Text.Encoding.UTF8.GetBytes(parts[1])) ? subscription : null;
    }
}

/// <summary>
/// Double opt-in: stores the request unconfirmed and queues the confirmation email (a single-use link) in one save.
/// Nothing else is ever sent to the address until it is confirmed.
/// </summary>
public sealed class SubscribeToAlertsHandler(EngagementDbContext db, EmailOutbox outbox, TimeProvider clock, IOptions<ServiceOptions> service, IOptions<AlertOptions> options)
{
    public const string ConfirmationKind = "alert-confirmation";

    public async Task<DomainResult> HandleAsync(SubscribeToAlerts command, CancellationToken cancellationToken = default)
    {
        var email = command.Email?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            return DomainResult.Refused("Enter your email address", nameof(command.Email));
        }

        if (email.Length > 254 || !Forms.PersonDetails.IsEmail(email) || email.Any(char.IsControl))
        {
            return DomainResult.Refused("Enter an email address in the correct format, like name@example.com", nameof(command.Email));
        }

        var live = await db.Priorities.AsNoTracking().Where(p => p.IsLive).Select(p => p.Number).ToListAsync(cancellationToken);
        if (command.Priorities.Any(p => !live.Contains(p)) || command.Sections.Any(s => !Enum.IsDefined(s)) || command.Statuses.Any(s => !Enum.IsDefined(s))
            || command.Priorities.Count + command.Sections.Count + command.Statuses.Count > AlertSubscription.MaxChoices)
        {
            return DomainResult.Refused("Choose from the priorities, sections and statuses listed", "Priorities");
        }

        if (command.Priorities.Count + command.Sections.Count + command.Statuses.Count == 0)
        {
            return DomainResult.Refused("Choose at least one priority, section or status to follow", "Priorities");
        }

        if (command.Frequency is not { } frequency || !Enum.IsDefined(frequency))
        {
            return DomainResult.Refused("Choose how often you want emails", nameof(command.Frequency));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var confirmToken = SecureToken.Create();
        var subscription = AlertSubscription.Create(email, frequency, command.Priorities, command.Sections, command.Statuses, SecureToken.Hash(confirmToken), SecureToken.Create(), now);
        db.AlertSubscriptions.Add(subscription);
        var s = service.Value;
        outbox.Queue(new EmailLayout(s)
            .Paragraph($"Confirm that you want emails from {s.Name} about: {AlertText.Describe(subscription)}, {AlertText.Describe(frequency)}.")
            .Link("Confirm your email alerts", s.Link("/alerts/confirm/" + confirmToken))
            .Paragraph($"The link works once, for {options.Value.UnconfirmedDays} days. If you did not ask for these emails, ignore this one: we will not email you again and we will delete your address.")
            .ToMessage(subscription.Email, null, "Confirm your email alerts", ConfirmationKind, null));
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult.Ok;
    }
}

/// <summary>The single-use confirmation link: confirms a request that has not expired, once.</summary>
public sealed class ConfirmAlertSubscriptionHandler(EngagementDbContext db, TimeProvider clock, IOptions<AlertOptions> options)
{
    public async Task<AlertSubscription?> HandleAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var hash = SecureToken.Hash(token);
        var oldest = now.AddDays(-options.Value.UnconfirmedDays);
        var subscription = await db.AlertSubscriptions.SingleOrDefaultAsync(s => s.ConfirmTokenHash == hash && s.ConfirmedAt == null && s.CreatedAt > oldest, cancellationToken);
        if (subscription is null)
        {
            return null;
        }

        var latest = await db.StatusChanges.MaxAsync(c => (int?)c.Id, cancellationToken) ?? 0;
        subscription.Confirm(now, latest);
        await db.SaveChangesAsync(cancellationToken);
        return subscription;
    }
}

public static class AlertText
{
    public static string Describe(AlertFrequency frequency) => frequency switch
    {
        AlertFrequency.Immediately => "as it happens",
        AlertFrequency.Daily => "in a daily summary",
        AlertFrequency.Weekly => "in a weekly summary",
        _ => frequency.ToString(),
    };

    public static string Describe(AlertSubscription subscription)
    {
        var parts = new List<string>();
        if (subscription.PriorityNumbers.Count > 0)
        {
            parts.Add((subscription.PriorityNumbers.Count == 1 ? "priority " : "priorities ") + string.Join(", ", subscription.PriorityNumbers));
        }

        if (subscription.SectionList.Count > 0)
        {
            parts.Add(string.Join(", ", subscription.SectionList.Select(s => s.Name())));
        }

        if (subscription.StatusList.Count > 0)
        {
            parts.Add("entries that become " + string.Join(" or ", subscription.StatusList.Select(s => s.Name())));
        }

        return string.Join("; ", parts);
    }
}
