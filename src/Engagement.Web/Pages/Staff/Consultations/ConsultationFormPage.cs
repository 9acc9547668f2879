using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Feedback;
using Engagement.Web.Features.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Consultations;

/// <summary>What staff may write about a consultation. Dates and times are UK local time.</summary>
public sealed class ConsultationFormInput
{
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public string? BackgroundMarkdown { get; set; }
    public string? OtherWaysToAnswer { get; set; }
    public ServiceSection? Section { get; set; }
    public ConsultationAudience? Audience { get; set; }
    public DateOnly? OpensDate { get; set; }
    public TimeOnly? OpensTime { get; set; }
    public DateOnly? ClosesDate { get; set; }
    public TimeOnly? ClosesTime { get; set; }
    public List<int> Priorities { get; set; } = [];
    public List<int> Events { get; set; } = [];
    public Guid Version { get; set; }

    public static ConsultationFormInput From(Consultation c)
    {
        var (opensDate, opensTime) = UkDateTimeInput.FromUtc(c.OpensAt);
        var (closesDate, closesTime) = UkDateTimeInput.FromUtc(c.ClosesAt);
        return new()
        {
            Title = c.Title,
            Summary = c.Summary,
            BackgroundMarkdown = c.BackgroundMarkdown,
            OtherWaysToAnswer = c.OtherWaysToAnswer,
            Section = c.Section,
            Audience = c.Audience,
            OpensDate = opensDate,
            OpensTime = opensTime,
            ClosesDate = closesDate,
            ClosesTime = closesTime,
            Priorities = c.Priorities.Select(p => p.PriorityNumber).Order().ToList(),
            Events = c.Events.Select(e => e.EventId).Order().ToList(),
            Version = c.Version,
        };
    }
}

/// <summary>An event a consultation can be linked to (a workshop or forum held as part of it).</summary>
public sealed record ConsultationEventChoice(int Id, string Title, DateTime StartsAt);

/// <summary>What the shared consultation fields partial needs from the create and edit pages.</summary>
public abstract class ConsultationFormPage(EngagementDbContext db, FeedbackChoices choices, TimeProvider clock) : PageModel
{
    protected EngagementDbContext Db => db;

    /// <summary>The domain's names for the date fields, and the form's.</summary>
    protected static readonly IReadOnlyDictionary<string, string> Renamed = new Dictionary<string, string>
    {
        [nameof(ConsultationDetails.OpensAt)] = nameof(ConsultationFormInput.OpensDate),
        [nameof(ConsultationDetails.ClosesAt)] = nameof(ConsultationFormInput.ClosesDate),
    };

    [BindProperty]
    public ConsultationFormInput Input { get; set; } = new();

    public List<PriorityChoice> PriorityChoices { get; private set; } = [];

    public List<ConsultationEventChoice> EventChoices { get; private set; } = [];

    /// <summary>Once published the dates move only by closing early or extending.</summary>
    public bool DatesLocked { get; protected set; }

    [TempData(Key = "Status")]
    public string? StatusMessage { get; set; }

    protected async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        PriorityChoices = await choices.PrioritiesAsync(cancellationToken);
        var from = clock.GetUtcNow().UtcDateTime.AddMonths(-6);
        var linked = Input.Events;
        EventChoices = await db.Events.AsNoTracking()
            .Where(e => (!e.IsCancelled && e.StartsAt >= from) || linked.Contains(e.Id))
            .OrderBy(e => e.StartsAt).Take(200)
            .Select(e => new ConsultationEventChoice(e.Id, e.Title, e.StartsAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Checks what only the raw form can tell (the UK dates and times, the priorities and events offered) and returns
    /// the details for the handler, or null with the errors in ModelState. The domain checks the rest.
    /// </summary>
    /// <param name="lockedDates">A published consultation's dates, which this form does not change.</param>
    protected ConsultationDetails? Details((DateTime OpensAt, DateTime ClosesAt)? lockedDates = null)
    {
        ModelState.Clear();
        var opensAt = lockedDates?.OpensAt ?? UkDateTimeInput.ToUtc(ModelState, "Input.OpensDate", Input.OpensDate, "Enter the date it opens",
            "Input.OpensTime", Input.OpensTime, "Enter the time it opens, like 09:00");
        var closesAt = lockedDates?.ClosesAt ?? UkDateTimeInput.ToUtc(ModelState, "Input.ClosesDate", Input.ClosesDate, "Enter the date it closes",
            "Input.ClosesTime", Input.ClosesTime, "Enter the time it closes, like 23:59");
        if (!FeedbackChoices.AreLive(Input.Priorities, PriorityChoices))
        {
            ModelState.AddModelError("Input.Priorities", "Select priorities from the list");
        }

        if (Input.Events.Any(id => EventChoices.All(e => e.Id != id)))
        {
            ModelState.AddModelError("Input.Events", "Select events from the list");
        }

        foreach (var (key, value) in new[] { ("Title", Input.Title), ("Summary", Input.Summary), ("BackgroundMarkdown", Input.BackgroundMarkdown), ("OtherWaysToAnswer", Input.OtherWaysToAnswer) })
        {
            if (TextInput.HasControlCharacters(value))
            {
                ModelState.AddModelError("Input." + key, TextInput.ControlCharactersMessage("This"));
            }
        }

        var details = new ConsultationDetails(
            Input.Title,
            Input.Summary,
            FeedbackValidation.NormaliseText(Input.BackgroundMarkdown),
            FeedbackValidation.NormaliseText(Input.OtherWaysToAnswer),
            Input.Section,
            Input.Audience,
            opensAt,
            closesAt,
            Input.Priorities.Distinct().Order().ToList(),
            Input.Events.Distinct().Order().ToList());

        // The domain's own checks, so every error shows at once (the handler checks again before saving).
        var check = Consultation.Create(details with { OpensAt = opensAt ?? DateTime.MinValue, ClosesAt = closesAt ?? DateTime.MaxValue }, clock.GetUtcNow().UtcDateTime);
        if (!check.Succeeded)
        {
            ModelState.AddResult<ConsultationFormInput>(check, nameof(Input), Renamed);
        }

        return ModelState.IsValid ? details : null;
    }
}
