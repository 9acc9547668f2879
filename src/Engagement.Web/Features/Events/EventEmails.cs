using System.Globalization;
using Engagement.Domain.Events;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Email;
using Engagement.Infrastructure.Events;

namespace Engagement.Web.Features.Events;

/// <summary>
/// Emails to people registered for events. The joining link goes only to people with a confirmed place at an online or
/// hybrid event. Names and titles are user-supplied: EmailLayout encodes them and keeps them out of headers.
/// </summary>
public static class EventEmails
{
    public const string ConfirmationKind = "event-registration";
    public const string PromotionKind = "event-promotion";
    public const string ReminderKind = "event-reminder";
    public const string CancelledKind = "event-cancelled";
    public const string RescheduledKind = "event-rescheduled";
    public const string MessageKind = "event-message";

    public static string RegistrationLink(ServiceOptions service, string token) => service.Link("/registrations/" + token);

    public static EmailMessage Confirmation(ServiceOptions service, Event ev, Registration registration, string token, DateTime now)
    {
        var confirmed = registration.Status == RegistrationStatus.Confirmed;
        var body = new EmailLayout(service).Greeting(registration.Name);
        if (confirmed)
        {
            body.Paragraph($"You have a place at {ev.Title}.");
        }
        else
        {
            body.Paragraph($"{ev.Title} is full, so you are on the waiting list. If a place becomes free, we will give it to the first person on the list and email you.");
        }

        AddDetails(body, ev, confirmed);
        body.Link("View or cancel your booking (keep this link private)", RegistrationLink(service, token));
        return body.ToMessage(
            registration.Email,
            registration.Name,
            confirmed ? $"Your place at {ev.Title}" : $"You are on the waiting list for {ev.Title}",
            ConfirmationKind,
            Id(registration),
            confirmed ? Calendar(ev, service, now) : null);
    }

    /// <summary>No token: only its hash is stored, so later emails cannot repeat the private link.</summary>
    public static EmailMessage Promotion(ServiceOptions service, Event ev, Registration registration, DateTime now)
    {
        var body = new EmailLayout(service).Greeting(registration.Name)
            .Paragraph($"Good news: a place has become free at {ev.Title} and it is yours. You were first on the waiting list.");
        AddDetails(body, ev, confirmed: true);
        body.Paragraph("If you can no longer come, please cancel with the private link in the email we sent when you booked, so that someone else can have the place.");
        return body.ToMessage(registration.Email, registration.Name, $"You now have a place at {ev.Title}", PromotionKind, Id(registration), Calendar(ev, service, now));
    }

    public static EmailMessage Reminder(ServiceOptions service, Event ev, Registration registration, int hoursBefore, string unsubscribeUrl)
    {
        var body = new EmailLayout(service).Greeting(registration.Name)
            .Paragraph(hoursBefore >= 24
                ? $"A reminder that {ev.Title} is coming up soon."
                : $"A reminder that {ev.Title} starts soon.");
        AddDetails(body, ev, confirmed: true);
        body.Paragraph("If you can no longer come, please cancel with the private link in the email we sent when you booked, so that someone else can have the place.")
            .Unsubscribe("Stop reminder emails for this booking", unsubscribeUrl);
        return body.ToMessage(registration.Email, registration.Name, $"Reminder: {ev.Title}", ReminderKind, Id(registration));
    }

    public static EmailMessage Cancelled(ServiceOptions service, Event ev, Registration registration) =>
        new EmailLayout(service).Greeting(registration.Name)
            .Paragraph($"We are sorry: {ev.Title}, planned for {UkTime.Describe(ev.StartsAt, ev.EndsAt)}, has been cancelled.")
            .Paragraph("You do not need to do anything. We will let you know about future events.")
            .Link("See our other events", service.Link("/events"))
            .ToMessage(registration.Email, registration.Name, $"Cancelled: {ev.Title}", CancelledKind, Id(registration));

    public static EmailMessage Rescheduled(ServiceOptions service, Event ev, Registration registration, DateTime previousStartsAt, DateTime now)
    {
        var confirmed = registration.Status == RegistrationStatus.Confirmed;
        var body = new EmailLayout(service).Greeting(registration.Name)
            .Paragraph($"{ev.Title} has moved. It was on {UkTime.Describe(previousStartsAt, previousStartsAt + (ev.EndsAt - ev.StartsAt))}.")
            .Paragraph(confirmed ? "You still have a place." : "You are still on the waiting list.");
        AddDetails(body, ev, confirmed);
        body.Paragraph("If you can no longer come, please cancel with the private link in the email we sent when you booked.");
        return body.ToMessage(registration.Email, registration.Name, $"New date: {ev.Title}", RescheduledKind, Id(registration), confirmed ? Calendar(ev, service, now) : null);
    }

    public static EmailMessage StaffMessage(ServiceOptions service, Event ev, Registration registration, string subject, string message) =>
        new EmailLayout(service).Greeting(registration.Name)
            .Paragraph(message)
            .Paragraph($"You are receiving this because you have a place at {ev.Title} ({UkTime.Describe(ev.StartsAt, ev.EndsAt)}).")
            .ToMessage(registration.Email, registration.Name, $"{subject} ({ev.Title})", MessageKind, Id(registration));

    private static void AddDetails(EmailLayout body, Event ev, bool confirmed)
    {
        body.Paragraph("When: " + UkTime.Describe(ev.StartsAt, ev.EndsAt) + " (UK time)");
        if (ev.Mode != AttendanceMode.Online && !string.IsNullOrWhiteSpace(ev.Venue))
        {
            body.Paragraph("Where: " + ev.Venue);
        }

        if (ev.Mode != AttendanceMode.Online && !string.IsNullOrWhiteSpace(ev.AccessibilityInformation))
        {
            body.Paragraph("Access: " + ev.AccessibilityInformation);
        }

        if (confirmed && ev.Mode != AttendanceMode.InPerson && !string.IsNullOrWhiteSpace(ev.JoiningLink))
        {
            body.Link("Join online (this link is just for people with a place)", ev.JoiningLink);
        }
    }

    private static EmailAttachment Calendar(Event ev, ServiceOptions service, DateTime now) =>
        new("event.ics", EventCalendar.ContentType, EventCalendar.Create(ev, service, now, ev.Mode == AttendanceMode.InPerson ? null : ev.JoiningLink));

    private static string Id(Registration registration) => registration.Id.ToString(CultureInfo.InvariantCulture);
}
