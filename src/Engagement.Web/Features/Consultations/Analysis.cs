using System.Globalization;
using Engagement.Domain.Consultations;
using Engagement.Infrastructure.Data;
using Engagement.Web.Pages.Insights;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Engagement.Web.Features.Consultations;

/// <summary>One row of a question's figures: an option (or "Other", with no option id), how many chose it, and its share.</summary>
public sealed record OptionFigure(int? OptionId, string Label, int Count, int Percent);

/// <summary>A question's figures among the responses that gave one option of an "about you" question.</summary>
public sealed record SplitGroup(int OptionId, string Label, int Answered, IReadOnlyList<OptionFigure> Options);

/// <summary>A question's figures split by one "about you" question.</summary>
public sealed record SplitFigures(int ByQuestionId, string ByQuestionText, IReadOnlyList<SplitGroup> Groups);

/// <summary>
/// One question's figures. <see cref="Answered"/> is how many counted responses answered it: every percentage is of
/// those. For several choices one response may choose many options, so the percentages can add up to more than 100.
/// </summary>
public sealed record QuestionFigures(
    int QuestionId,
    int Number,
    string Text,
    QuestionKind Kind,
    bool IsAboutYou,
    int Answered,
    IReadOnlyList<OptionFigure> Options,
    IReadOnlyList<SplitFigures> Splits)
{
    public bool HasChoices => Kind.HasOptions();
}

/// <summary>
/// The figures of one consultation. <see cref="Counted"/> responses are those included in the analysis;
/// <see cref="LateLeftOut"/> arrived after closing and <see cref="TooQuickLeftOut"/> were sent online faster than a
/// person could answer (likely bots); both are left out until a commissioner includes them.
/// </summary>
public sealed record AnalysisFigures(int ConsultationId, int Counted, int LateLeftOut, int TooQuickLeftOut, IReadOnlyList<QuestionFigures> Questions);

/// <summary>
/// Counts a consultation's answers in the database: GROUP BY question and option over the counted responses, and a
/// self-join on the response for the "about you" splits, so the work is a few aggregate queries whatever the number of
/// responses (it never loads the answers). The staff analysis page and the published outcome both read it.
/// </summary>
public sealed class ConsultationAnalysis(EngagementDbContext db, IMemoryCache memo)
{
    /// <summary>How long counted figures are kept for a fingerprint nobody asks for again.</summary>
    public static readonly TimeSpan MemoLifetime = TimeSpan.FromMinutes(10);

    /// <summary>The figures, or null when there is no such consultation.</summary>
    public async Task<AnalysisFigures?> FiguresAsync(int consultationId, CancellationToken cancellationToken = default)
    {
        var questions = await db.ConsultationQuestions.AsNoTracking()
            .Where(q => q.ConsultationId == consultationId)
            .OrderBy(q => q.PageNumber).ThenBy(q => q.Position)
            .Include(q => q.Options)
            .ToListAsync(cancellationToken);
        if (questions.Count == 0 && !await db.Consultations.AnyAsync(c => c.Id == consultationId, cancellationToken))
        {
            return null;
        }

        var responses = await db.ConsultationResponses.AsNoTracking()
            .Where(r => r.ConsultationId == consultationId)
            .GroupBy(r => new { r.IncludeInAnalysis, r.IsLate, r.SentTooQuickly })
            .Select(g => new ResponseGroup(g.Key.IncludeInAnalysis, g.Key.IsLate, g.Key.SentTooQuickly, g.Count(), g.Max(r => r.Id), g.Sum(r => (long)r.Id)))
            .ToListAsync(cancellationToken);
        var counted = responses.Where(r => r.IncludeInAnalysis).Sum(r => r.Count);
        var lateLeftOut = responses.Where(r => !r.IncludeInAnalysis && r.IsLate).Sum(r => r.Count);
        var tooQuickLeftOut = responses.Where(r => !r.IncludeInAnalysis && r.SentTooQuickly && !r.IsLate).Sum(r => r.Count);

        var aboutYou = questions.Where(q => q.IsAboutYou).ToList();
        var choiceIds = questions.Where(q => q.Kind.HasOptions()).Select(q => q.Id).ToList();
        var aboutIds = aboutYou.Select(q => q.Id).ToList();

        // A response's answers never change once received (only its text can be erased, which counts the same), so the
        // counts are a function of which responses are counted and of the questions asked: that fingerprint is the key
        // of the memo (count, highest id and sum of ids per group). Any new, included or excluded response changes it; every instance computes the same counts.
        var fingerprint = string.Join("|", responses.OrderBy(r => r.IncludeInAnalysis).ThenBy(r => r.IsLate).ThenBy(r => r.SentTooQuickly).Select(r => $"{r.IncludeInAnalysis}:{r.IsLate}:{r.SentTooQuickly}:{r.Count}:{r.MaxId}:{r.IdSum}"))
            + "/" + string.Join(",", choiceIds) + "/" + string.Join(",", aboutIds);
        var key = (nameof(ConsultationAnalysis), consultationId, fingerprint);
        if (!memo.TryGetValue(key, out Counts? cached) || cached is null)
        {
            cached = await CountAsync(consultationId, choiceIds, aboutIds, cancellationToken);
            memo.Set(key, cached, MemoLifetime);
        }

        var (byOption, answered, splitCells, splitBases) = (cached.ByOption, cached.Answered, cached.SplitCells, cached.SplitBases);
        var counts = byOption.ToDictionary(c => (c.QuestionId, c.OptionId), c => c.Count);
        var cells = splitCells.ToDictionary(c => (c.QuestionId, c.OptionId, c.ByQuestionId, c.ByOptionId), c => c.Count);
        var bases = splitBases.ToDictionary(c => (c.QuestionId, c.ByQuestionId, c.ByOptionId), c => c.Count);

        var figures = questions.Select((q, i) =>
        {
            var total = answered.GetValueOrDefault(q.Id);
            IReadOnlyList<OptionFigure> options = [];
            IReadOnlyList<SplitFigures> splits = [];
            if (q.Kind.HasOptions())
            {
                options = Rows(q, total, option => counts.GetValueOrDefault((q.Id, option)));
                splits = aboutYou.Where(a => a.Id != q.Id).Select(a => new SplitFigures(a.Id, a.Text, a.Options.Select(group =>
                {
                    var groupTotal = bases.GetValueOrDefault((q.Id, a.Id, group.Id));
                    return new SplitGroup(group.Id, group.Label, groupTotal,
                        Rows(q, groupTotal, option => cells.GetValueOrDefault((q.Id, option, a.Id, group.Id))));
                }).ToList())).ToList();
            }

            return new QuestionFigures(q.Id, i + 1, q.Text, q.Kind, q.IsAboutYou, total, options, splits);
        }).ToList();
        return new AnalysisFigures(consultationId, counted, lateLeftOut, tooQuickLeftOut, figures);
    }

    private async Task<Counts> CountAsync(int consultationId, List<int> choiceIds, List<int> aboutIds, CancellationToken cancellationToken)
    {
        var answers = Counted(consultationId);
        var byOption = await answers
            .GroupBy(a => new { a.QuestionId, a.OptionId })
            .Select(g => new OptionCell(g.Key.QuestionId, g.Key.OptionId, g.Count()))
            .ToListAsync(cancellationToken);
        var answered = await answers
            .GroupBy(a => a.QuestionId)
            .Select(g => new { QuestionId = g.Key, Count = g.Select(a => a.ResponseId).Distinct().Count() })
            .ToDictionaryAsync(g => g.QuestionId, g => g.Count, cancellationToken);
        List<SplitCell> splitCells = [];
        List<SplitBase> splitBases = [];
        if (aboutIds.Count > 0 && choiceIds.Count > 0)
        {
            var aboutAnswers = db.ConsultationAnswers.AsNoTracking().Where(b => aboutIds.Contains(b.QuestionId) && b.OptionId != null);
            var pairs =
                from a in answers
                where choiceIds.Contains(a.QuestionId)
                join b in aboutAnswers on a.ResponseId equals b.ResponseId
                where a.QuestionId != b.QuestionId
                select new { a.QuestionId, a.OptionId, a.ResponseId, ByQuestionId = b.QuestionId, ByOptionId = b.OptionId!.Value };
            splitCells = await pairs
                .GroupBy(p => new { p.QuestionId, p.OptionId, p.ByQuestionId, p.ByOptionId })
                .Select(g => new SplitCell(g.Key.QuestionId, g.Key.OptionId, g.Key.ByQuestionId, g.Key.ByOptionId, g.Count()))
                .ToListAsync(cancellationToken);
            splitBases = await pairs
                .GroupBy(p => new { p.QuestionId, p.ByQuestionId, p.ByOptionId })
                .Select(g => new SplitBase(g.Key.QuestionId, g.Key.ByQuestionId, g.Key.ByOptionId, g.Select(p => p.ResponseId).Distinct().Count()))
                .ToListAsync(cancellationToken);
        }

        return new Counts(byOption, answered, splitCells, splitBases);
    }

    /// <summary>The answers of the responses counted in the analysis.</summary>
    private IQueryable<ConsultationAnswer> Counted(int consultationId)
    {
        var include = true;
        var responses = db.ConsultationResponses.Where(r => r.ConsultationId == consultationId && r.IncludeInAnalysis == include).Select(r => r.Id);
        return db.ConsultationAnswers.AsNoTracking().Where(a => responses.Contains(a.ResponseId));
    }

    private static List<OptionFigure> Rows(ConsultationQuestion question, int total, Func<int?, int> count)
    {
        var rows = question.Options.Select(o => new OptionFigure(o.Id, o.Label, count(o.Id), AnalysisPercent.Of(count(o.Id), total))).ToList();
        if (question.AllowOther)
        {
            rows.Add(new OptionFigure(null, "Other", count(null), AnalysisPercent.Of(count(null), total)));
        }

        return rows;
    }

    private sealed record ResponseGroup(bool IncludeInAnalysis, bool IsLate, bool SentTooQuickly, int Count, int MaxId, long IdSum);

    private sealed record OptionCell(int QuestionId, int? OptionId, int Count);

    private sealed record Counts(List<OptionCell> ByOption, Dictionary<int, int> Answered, List<SplitCell> SplitCells, List<SplitBase> SplitBases);

    private sealed record SplitCell(int QuestionId, int? OptionId, int ByQuestionId, int ByOptionId, int Count);

    private sealed record SplitBase(int QuestionId, int ByQuestionId, int ByOptionId, int Count);
}

/// <summary>
/// Percentages as the analysis and the outcome show them: of the responses that answered the question, rounded to a
/// whole number, halves away from zero (so 12.5% is 13%, the way people round), 0 when nobody answered.
/// </summary>
public static class AnalysisPercent
{
    public static int Of(int count, int total) =>
        total <= 0 ? 0 : (int)Math.Round(100m * count / total, 0, MidpointRounding.AwayFromZero);

    public static string Text(int percent) => percent.ToString(CultureInfo.InvariantCulture) + "%";
}

/// <summary>The analysis figures as <see cref="BarChart"/>s: one shared shape for the staff page and the outcome.</summary>
public static class AnalysisCharts
{
    /// <summary>A question's options with their percentages (the table beside the chart has the same values).</summary>
    public static BarChart Overall(QuestionFigures question, string prefix) => new(
        $"{prefix}-q{question.Number}",
        $"Q{question.Number}. {question.Text}",
        $"Percentage of the {question.Answered} responses that answered the question choosing each answer." +
            (question.Kind == QuestionKind.SeveralChoices ? " People could choose more than one, so the percentages can add up to more than 100." : ""),
        ["Percentage of those who answered"],
        question.Options.Select(o => new BarChartRow(o.Label, [o.Percent])).ToList(),
        Unit: "%",
        Scale: 100);

    /// <summary>
    /// A question split by an "about you" question: one chart per group (those who gave that answer), each bar the
    /// percentage of the group that answered choosing that answer, the same figures as the split table. One chart per
    /// group, rather than a bar per group in one chart, so no group is told apart by colour alone.
    /// </summary>
    public static IReadOnlyList<BarChart> Split(QuestionFigures question, SplitFigures split, string prefix) =>
        split.Groups.Select(group => new BarChart(
            $"{prefix}-q{question.Number}-by-{split.ByQuestionId}-{group.OptionId}",
            $"Q{question.Number} among those who answered \u201c{group.Label}\u201d to \u201c{split.ByQuestionText}\u201d",
            $"Percentage of the {group.Answered} responses in this group that answered the question choosing each answer." +
                (question.Kind == QuestionKind.SeveralChoices ? " People could choose more than one, so the percentages can add up to more than 100." : ""),
            ["Percentage of the group who answered"],
            group.Options.Select(o => new BarChartRow(o.Label, [o.Percent])).ToList(),
            Unit: "%",
            Scale: 100)).ToList();
}
