using System.Globalization;
using Engagement.Domain.Auditing;
using Engagement.Domain.Providers;

namespace Engagement.Web.Features.EngagementStandard;

/// <summary>Audit records of the market standard: ids, the quarter and the outcome only.</summary>
public static class StandardAudit
{
    public const string CriterionAdded = "market-standard.criterion-added";
    public const string CriterionEdited = "market-standard.criterion-edited";
    public const string CriterionRemoved = "market-standard.criterion-removed";
    public const string Judged = "market-standard.judged";

    public static AuditRecord Criterion(int criterionId, string action, string userId, DateTime at) => new()
    {
        At = at,
        ActorUserId = userId,
        Action = action,
        EntityType = nameof(StandardCriterion),
        EntityId = criterionId.ToString(CultureInfo.InvariantCulture),
    };

    public static AuditRecord Judgement(StandardJudgement judgement, StandardQuarter quarter) => new()
    {
        At = judgement.JudgedAt,
        ActorUserId = judgement.JudgedByUserId,
        Action = Judged,
        EntityType = nameof(StandardJudgement),
        EntityId = judgement.Id.ToString(CultureInfo.InvariantCulture),
        Detail = $"provider {judgement.ProviderUserId}; criterion {judgement.CriterionId.ToString(CultureInfo.InvariantCulture)}; {quarter.Code}; {judgement.Outcome}",
    };
}
