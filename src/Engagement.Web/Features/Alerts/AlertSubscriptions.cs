using System.Globalization;
using System.Security.Cryptography;
using Engagement.Domain.Alerts;
using Engagement.Domain.Common;
using Engagement.Domain.Events;
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

public sealed record SubscribeToAlerts(string? Email, AlertChoices Choices, AlertFrequency? Frequency);

/// <summary>A quarterly event series people can follow: its title and its next (or last) date.</summary>
public sealed record SeriesChoice(Guid Id, string Title, DateTime NextStartsAt);

/// <summary>The event series offered on the alerts form: those with an event still to come, and any asked for by id.</summary>
public static class AlertSeries
{
    public static async Task<List<SeriesChoice>> ListAsync(EngagementDbContext db, DateTime now, IReadOnlyCollection<Guid> alsoThese, CancellationToken cancellationToken)
    {
        var rows = await db.Events.AsNoTracking()
            .Where(e => e.SeriesId != null && (e.EndsAt > now || alsoThese.Contains(e.SeriesId.Value)))
            .Select(e => new { SeriesId = e.SeriesId!.Value, e.Title, e.StartsAt, e.EndsAt })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.SeriesId)
            .Select(g =>
            {
                var next = g.Where(r => r.EndsAt > now).OrderBy(r => r.StartsAt).FirstOrDefault() ?? g.OrderByDescending(r => r.StartsAt).First();
                return new SeriesChoice(g.Key, next.Title, next.StartsAt);
            })
            .OrderBy(c => c.NextStartsAt).ThenBy(c => c.Title, StringComparer.Ordinal)
            .ToList();
    }
}

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

    public const string UnknownChoice = "Choose from the priorities, sections, statuses, consultations, forums and event series listed";

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

        var choices = command.Choices;
        var live = await db.Priorities.AsNoTracking().Where(p => p.IsLive).Select(p => p.Number).ToListAsync(cancellationToken);
        var series = choices.Series.Distinct().ToList();
        var knownSeries = series.Count == 0 ? 0 : await db.Events.AsNoTracking().Where(e => e.SeriesId != null && series.Contains(e.SeriesId.Value))
            .Select(e => e.SeriesId).Distinct().CountAsync(cancellationToken);
        if (choices.Priorities.Any(p => !live.Contains(p)) || choices.Sections.Any(s => !Enum.IsDefined(s)) || choices.Statuses.Any(s => !Enum.IsDefined(s))
            || choices.Audiences.Any(a => !Enum.IsDefined(a) || !a.IsForumAudience()) || knownSeries != series.Count
            || choices.Count > AlertSubscription.MaxChoices)
        {
            return DomainResult.Refused(UnknownChoice, "Priorities");
        }

        if (choices.Count == 0)
        {
            return DomainResult.Refused("Choose at least one thing to follow", "Priorities");
        }

        if (command.Frequency is not { } frequency || !Enum.IsDefined(frequency))
        {
            return DomainResult.Refused("Choose how often you want emails", nameof(command.Frequency));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var confirmToken = SecureToken.Create();
        var subscription = AlertSubscription.Create(email, frequency, choices, SecureToken.Hash(confirmToken), SecureToken.Create(), now);
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
        var latestEvent = await db.EventChanges.MaxAsync(c => (int?)c.Id, cancellationToken) ?? 0;
        subscription.Confirm(now, latest, latestEvent);
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

        if (subscription.NewConsultations)
        {
            parts.Add(subscription.PriorityNumbers.Count + subscription.SectionList.Count > 0 ? "new consultations about them" : "new consultations");
        }

        if (subscription.AudienceList.Count > 0)
        {
            parts.Add(string.Join(" and ", subscription.AudienceList.Select(a => a == Engagement.Domain.Events.EventAudience.CareHomeProviders ? "care home provider forums" : "home care provider forums")));
        }

        if (subscription.SeriesList.Count > 0)
        {
            parts.Add(subscription.SeriesList.Count == 1 ? "1 event series" : $"{subscription.SeriesList.Count} event series");
        }

        return string.Join("; ", parts);
    }
}
