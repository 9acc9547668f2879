using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Consultations;

/// <summary>
/// A consultation's own page: what it is about, who it is for, when it closes (and any change to that), how to answer
/// in another way, and once published, the outcome. Only published consultations are shown.
/// </summary>
[AllowAnonymous]
public sealed class DetailModel(EngagementDbContext db, SafeMarkdown markdown, Engagement.Web.Features.Consultations.ConsultationAnalysis analysis, TimeProvider clock) : PageModel
{
    public Consultation Consultation { get; private set; } = null!;

    public ConsultationPhase Phase { get; private set; }

    public SanitizedHtml Background { get; private set; } = null!;

    public IReadOnlyList<(int Number, string Title)> Priorities { get; private set; } = [];

    public IReadOnlyList<(int Id, string Title, DateTime StartsAt, DateTime EndsAt)> Events { get; private set; } = [];

    /// <summary>Why this person cannot start (for an open consultation with an audience rule they do not meet).</summary>
    public string? CannotAnswer { get; private set; }

    public int QuestionCount { get; private set; }

    /// <summary>The published outcome ("We asked, you said, we did"), once there is one.</summary>
    public Engagement.Web.Features.Consultations.ConsultationOutcomeView? Outcome { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().AsSplitQuery()
            .Include(c => c.Priorities).Include(c => c.Events).Include(c => c.DateChanges)
            .SingleOrDefaultAsync(c => c.Id == id && c.IsPublished, cancellationToken);
        if (consultation is null)
        {
            return NotFound();
        }

        Consultation = consultation;
        var now = clock.GetUtcNow().UtcDateTime;
        Phase = consultation.PhaseAt(now);
        Background = markdown.Render(consultation.BackgroundMarkdown);
        QuestionCount = await db.ConsultationQuestions.CountAsync(q => q.ConsultationId == id, cancellationToken);
        var numbers = consultation.Priorities.Select(p => p.PriorityNumber).ToList();
        Priorities = (await db.Priorities.AsNoTracking().Where(p => numbers.Contains(p.Number)).OrderBy(p => p.Number)
            .Select(p => new { p.Number, p.ShortTitle }).ToListAsync(cancellationToken)).Select(p => (p.Number, p.ShortTitle)).ToList();
        var eventIds = consultation.Events.Select(e => e.EventId).ToList();
        Events = (await db.Events.AsNoTracking().Where(e => eventIds.Contains(e.Id) && !e.IsCancelled).OrderBy(e => e.StartsAt)
            .Select(e => new { e.Id, e.Title, e.StartsAt, e.EndsAt }).ToListAsync(cancellationToken)).Select(e => (e.Id, e.Title, e.StartsAt, e.EndsAt)).ToList();
        if (Phase == ConsultationPhase.Open)
        {
            var check = consultation.CheckAudience(await Features.Providers.ProviderRegistrant.ForUserAsync(db, User));
            CannotAnswer = check.Succeeded ? null : check.Error;
        }

        if (consultation.HasOutcome)
        {
            Outcome = await Engagement.Web.Features.Consultations.ConsultationOutcomeView.LoadAsync(db, analysis, markdown, id, cancellationToken);
        }

        return Page();
    }

    public string SectionName => Consultation.Section.Name();

    /// <summary>"Get emails about this": new consultations about the same priorities (or, with none, the same section).</summary>
    public string AlertsLink => "/alerts?consultations=new" + (Priorities.Count > 0
        ? string.Concat(Priorities.Select(p => "&priority=" + p.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        : "&section=" + Consultation.Section.Slug());
}
