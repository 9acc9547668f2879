using System.Security.Claims;
using System.Text.RegularExpressions;
using Engagement.Domain.Common;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Text;
using Engagement.Web.Features.Feedback;
using Engagement.Web.Features.Forms;
using Engagement.Web.Features.Responses;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Responses;

/// <summary>What the create and edit pages share: the entry form (<c>_EntryForm</c>), its checks and the preview.</summary>
public abstract partial class EntryFormPage(EngagementDbContext db, FeedbackChoices choices, SafeMarkdown markdown) : PageModel
{
    [TempData(Key = "Status")]
    public string? Banner { get; set; }

    [BindProperty]
    public EntryInput Input { get; set; } = new();

    public List<PriorityChoice> PriorityChoices { get; private set; } = [];

    public List<EventChoice> EventChoices { get; private set; } = [];

    /// <summary>Set by the Preview button: exactly what the public entry page will show.</summary>
    public EntryView? Preview { get; protected set; }

    public abstract string SaveLabel { get; }

    protected string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    protected EngagementDbContext Db => db;

    protected async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        PriorityChoices = await choices.PrioritiesAsync(cancellationToken);
        var linked = Input.EventIds;
        EventChoices = await db.Events.AsNoTracking()
            .Where(e => !e.IsCancelled || linked.Contains(e.Id))
            .OrderByDescending(e => e.StartsAt)
            .Take(100)
            .Select(e => new EventChoice(e.Id, e.Title, e.StartsAt, e.Kind))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Checks the form; returns the command values when they are all valid.</summary>
    protected (DateOnly? TargetDate, IReadOnlyList<string> References)? Validate()
    {
        ModelState.Clear();
        Required(Input.Title, "Input.Title", "Enter a title", ResponseLimits.TitleMaxLength, "Title");
        Optional(Input.YouSaidSummary, "Input.YouSaidSummary", ResponseLimits.SummaryMaxLength, "The \"You said\" summary");
        Optional(Input.WeDidMarkdown, "Input.WeDidMarkdown", ResponseLimits.WeDidMaxLength, "The \"We did\" text");
        Optional(Input.OwnerTeam, "Input.OwnerTeam", 200, "Owner team");
        if (Input.Section is null || !Enum.IsDefined(Input.Section.Value))
        {
            ModelState.AddModelError("Input.Section", "Select the section");
        }

        if (!FeedbackChoices.AreLive(Input.Priorities, PriorityChoices))
        {
            ModelState.AddModelError("Input.Priorities", "Select priorities from the list");
        }

        if (Input.EventIds.Any(id => EventChoices.All(e => e.Id != id)))
        {
            ModelState.AddModelError("Input.EventIds", "Select events from the list");
        }

        var target = Input.TargetDate.TryRead(ModelState, "Input.TargetDate", "Target date");
        var references = ReferenceSeparator().Split(Input.FeedbackReferences ?? "").Where(r => r.Length > 0).Select(r => r.ToUpperInvariant()).Distinct().ToList();
        if ((Input.FeedbackReferences?.Length ?? 0) > 5000 || references.Any(r => !FeedbackReference().IsMatch(r)))
        {
            ModelState.AddModelError("Input.FeedbackReferences", "Enter feedback references like YS-2026-000123, one per line");
        }

        return ModelState.IsValid ? (target, references) : null;
    }

    protected SaveResponseEntry Command(int? id, DateOnly? target, IReadOnlyList<string> references) => new(
        id, id is null ? null : Input.Version, Input.Title!, Input.YouSaidSummary ?? "", Input.WeDidMarkdown ?? "", Input.Priorities,
        Input.Section!.Value, Input.OwnerTeam ?? "", target, references, Input.EventIds, UserId);

    /// <summary>Shows a refusal from the handler beside its field (or in the summary for a conflict).</summary>
    /// <summary>A refused save: each error beside its field, a conflict at the top of the summary; true when not found.</summary>
    protected IActionResult? Refused(IDomainResult result)
    {
        ModelState.AddResult<EntryInput>(result, nameof(Input));
        return this.NotFoundFor(result);
    }

    protected EntryView PreviewOf(string reference, ResponseStatus status, DateOnly? target, IReadOnlyList<EntryTimelineItem> timeline, DateTime now) => new(
        reference, Input.Title?.Trim() ?? "", Input.YouSaidSummary?.Trim() ?? "", markdown.Render(Input.WeDidMarkdown), status,
        Input.Section ?? ServiceSection.SomethingElse, Input.OwnerTeam?.Trim() ?? "", target, now,
        Input.Priorities.Distinct().Order().ToList(), timeline);

    private void Required(string? value, string key, string message, int max, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            ModelState.AddModelError(key, message);
        }
        else
        {
            Optional(value, key, max, label);
        }
    }

    private void Optional(string? value, string key, int max, string label)
    {
        if ((value?.Trim().Length ?? 0) > max)
        {
            ModelState.AddModelError(key, $"{label} must be {max:N0} characters or fewer");
        }
    }

    [GeneratedRegex(@"[\s,;]+")]
    private static partial Regex ReferenceSeparator();

    [GeneratedRegex(@"^YS-\d{4}-\d{6}$")]
    private static partial Regex FeedbackReference();

    /// <summary>The entry form's fields. Never an entity: status, publication and history are changed elsewhere.</summary>
    public sealed class EntryInput
    {
        public string? Title { get; set; }
        public string? YouSaidSummary { get; set; }
        public string? WeDidMarkdown { get; set; }
        public List<int> Priorities { get; set; } = [];
        public ServiceSection? Section { get; set; }
        public string? OwnerTeam { get; set; }
        public DateInput TargetDate { get; set; } = new();
        public string? FeedbackReferences { get; set; }
        public List<int> EventIds { get; set; } = [];
        public Guid Version { get; set; }

        /// <summary>A new entry made from a forum action (the create page only): linked to it when saved.</summary>
        public int? ForumActionId { get; set; }
    }
}
