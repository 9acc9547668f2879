using System.Globalization;
using System.Security.Claims;
using Engagement.Domain.Common;
using Engagement.Domain.Providers;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Feedback;
using Engagement.Web.Features.Forms;
using Engagement.Web.Features.ProviderEngagement;
using Engagement.Web.Features.Responses;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Provider.EngagementRecords;

/// <summary>
/// What the provider's new and edit pages share: the record form (<c>_RecordForm</c>) and the checks that need the raw
/// form (dates as typed, a number as typed). Everything else is the domain's, whose errors land beside the same fields.
/// </summary>
public abstract class RecordFormPage(EngagementDbContext db, FeedbackChoices choices, TimeProvider clock) : PageModel
{
    [TempData(Key = "Status")]
    public string? Banner { get; set; }

    [BindProperty]
    public RecordInput Input { get; set; } = new();

    public List<PriorityChoice> PriorityChoices { get; private set; } = [];

    public abstract string SaveLabel { get; }

    /// <summary>The provider organisation's account id: every read and write is scoped to it.</summary>
    protected string OrganisationId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    protected EngagementDbContext Db => db;

    protected Task<bool> IsApprovedAsync(CancellationToken cancellationToken) =>
        ProviderOrganisations.IsApprovedAsync(db, OrganisationId, cancellationToken);

    protected async Task LoadChoicesAsync(CancellationToken cancellationToken) =>
        PriorityChoices = await choices.PrioritiesAsync(cancellationToken);

    /// <summary>Reads the typed dates and number; returns the details for the domain to check, or null with errors shown.</summary>
    protected EngagementDetails? Read()
    {
        ModelState.Clear();
        var heldOn = Input.HeldOn.TryRead(ModelState, "Input.HeldOn", "The date of the engagement");
        var target = Input.TargetDate.TryRead(ModelState, "Input.TargetDate", "Target date");
        int? count = null;
        if (!string.IsNullOrWhiteSpace(Input.ParticipantCount))
        {
            if (int.TryParse(Input.ParticipantCount.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                count = n;
            }
            else
            {
                ModelState.AddModelError("Input.ParticipantCount", "How many people took part must be a number, like 12");
            }
        }

        var who = Input.Participants.Aggregate(EngagementParticipants.None, (all, one) => all | one);
        var details = new EngagementDetails(Input.ServiceName, Input.ServiceType, Input.CqcLocationId, heldOn, Input.Kind, count, who,
            Input.WhatWeHeard, Input.WhatWeDid, target, Input.Priorities);

        // The domain's own checks too, so every problem shows at once (the handler checks again).
        var check = EngagementRecord.Check(details, Domain.Calendar.WorkingDayCalendar.UkDate(clock.GetUtcNow().UtcDateTime));
        foreach (var error in check.Errors.Where(e => e.Property is not null && !ModelState.ContainsKey("Input." + e.Property)))
        {
            ModelState.AddModelError("Input." + error.Property, error.Message);
        }

        if (!FeedbackChoices.AreLive(Input.Priorities, PriorityChoices))
        {
            ModelState.AddModelError("Input.Priorities", "Select priorities from the list");
        }

        return ModelState.IsValid ? details : null;
    }

    /// <summary>A refused save: each error beside its field, a conflict at the top of the summary; a result when not found.</summary>
    protected IActionResult? Refused(IDomainResult result)
    {
        ModelState.AddResult<RecordInput>(result, nameof(Input));
        return this.NotFoundFor(result);
    }

    /// <summary>The record form's fields. Never the entity: status, moderation and history change elsewhere.</summary>
    public sealed class RecordInput
    {
        public string? ServiceName { get; set; }
        public ProviderServiceType? ServiceType { get; set; }
        public string? CqcLocationId { get; set; }
        public DateInput HeldOn { get; set; } = new();
        public EngagementKind? Kind { get; set; }
        public string? ParticipantCount { get; set; }
        public List<EngagementParticipants> Participants { get; set; } = [];
        public string? WhatWeHeard { get; set; }
        public string? WhatWeDid { get; set; }
        public DateInput TargetDate { get; set; } = new();
        public List<int> Priorities { get; set; } = [];
        public Guid Version { get; set; }

        public static RecordInput From(EngagementRecord r) => new()
        {
            ServiceName = r.ServiceName,
            ServiceType = r.ServiceType,
            CqcLocationId = r.CqcLocationId,
            HeldOn = DateInput.From(r.HeldOn),
            Kind = r.Kind,
            ParticipantCount = r.ParticipantCount.ToString(CultureInfo.InvariantCulture),
            Participants = Enum.GetValues<EngagementParticipants>().Where(p => p != EngagementParticipants.None && r.Participants.HasFlag(p)).ToList(),
            WhatWeHeard = r.WhatWeHeard,
            WhatWeDid = r.WhatWeDid,
            TargetDate = DateInput.From(r.TargetDate),
            Priorities = r.Priorities.Select(p => p.PriorityNumber).ToList(),
            Version = r.Version,
        };
    }
}
