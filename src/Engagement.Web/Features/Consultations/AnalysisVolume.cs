using System.Diagnostics;
using System.Globalization;
using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Consultations;

/// <summary>
/// For the benchmark (<c>generate-volume --consultation-responses 5000</c>): one closed consultation with an "about you"
/// question, a rating scale, several choices with "Other" and a written question, answered by that many synthetic
/// responses (deterministic), and its outcome published as a log entry. Then it times the analysis page's queries
/// (<see cref="ConsultationAnalysis.FiguresAsync"/> and the first page of written answers) in process and prints them.
/// </summary>
public static class AnalysisVolume
{
    public const string Option = "--consultation-responses";
    private const int BatchSize = 1000;

    public static async Task RunAsync(IServiceProvider services, int responses, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        var now = DateTime.UtcNow;
        var random = new Random(20261202);
        int consultationId;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
            var opens = now.AddDays(-60);
            var consultation = Consultation.Create(new ConsultationDetails(
                "Benchmark consultation " + now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture), "Synthetic", "", "",
                ServiceSection.HomeCare, ConsultationAudience.Everyone, opens, now.AddDays(-30), [3], []), opens.AddDays(-1)).Value!;
            consultation.AddQuestion(new QuestionDetails(QuestionKind.OneChoice, "Which best describes you?", null, true, true, false, null, 1, ["Resident", "Carer", "Provider", "Other"]), opens);
            consultation.AddQuestion(new QuestionDetails(QuestionKind.RatingScale, "How fair is the proposal?", null, true, false, false, null, 1, ["Very unfair", "Unfair", "Neither", "Fair", "Very fair"]), opens);
            consultation.AddQuestion(new QuestionDetails(QuestionKind.SeveralChoices, "What would help?", null, false, false, true, null, 1, ["A", "B", "C", "D", "E"]), opens);
            consultation.AddQuestion(new QuestionDetails(QuestionKind.LongText, "Anything else?", null, false, false, false, null, 1, []), opens);
            consultation.Publish(opens.AddDays(-1));
            db.Consultations.Add(consultation);
            await db.SaveChangesAsync();
            consultationId = consultation.Id;
            var q = consultation.Ordered.ToList();
            var start = await db.ConsultationResponses.CountAsync() + 1;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = 0; i < responses; i++)
            {
                var answers = new List<GivenAnswer>
                {
                    new(q[0].Id, q[0].Options[random.Next(4)].Id, null),
                    new(q[1].Id, q[1].Options[random.Next(5)].Id, null),
                };
                answers.AddRange(q[2].Options.Where(_ => random.Next(3) == 0).Select(o => new GivenAnswer(q[2].Id, o.Id, null)));
                if (random.Next(10) == 0)
                {
                    answers.Add(new(q[2].Id, null, "Something else " + i.ToString(CultureInfo.InvariantCulture)));
                }

                if (random.Next(4) == 0)
                {
                    answers.Add(new(q[3].Id, null, "A written answer number " + i.ToString(CultureInfo.InvariantCulture)));
                }

                db.ConsultationResponses.Add(ConsultationResponse.Receive(consultationId, ConsultationResponse.FormatReference(2089, start + i),
                    SecureToken.Hash(Guid.NewGuid().ToString("N")), Guid.NewGuid().ToString("N"), ResponseChannel.Online, answers,
                    null, false, false, late: false, sentTooQuickly: false, false, null, null, opens.AddMinutes(i)));
                if ((i + 1) % BatchSize == 0 || i == responses - 1)
                {
                    db.ChangeTracker.DetectChanges();
                    await db.SaveChangesAsync();
                    db.ChangeTracker.Clear();
                }
            }

            db.ChangeTracker.AutoDetectChangesEnabled = true;
            var tracked = await db.Consultations.SingleAsync(c => c.Id == consultationId);
            var references = scope.ServiceProvider.GetRequiredService<ReferenceNumbers>();
            var entry = ResponseEntry.Create(ResponseEntry.FormatReference(2089, await references.NextAsync(ReferenceNumbers.Response, 2089)), OutcomeText.EntryTitle(tracked.Title), "benchmark", now);
            entry.YouSaidSummary = "Synthetic outcome for the benchmark.";
            entry.WeDidMarkdown = "We **decided** something.";
            entry.Section = tracked.Section;
            entry.OwnerTeam = OutcomeText.OwnerTeam;
            entry.Priorities = [new ResponseEntryPriority { PriorityNumber = 3 }];
            entry.Publish(now);
            db.ResponseEntries.Add(entry);
            await db.SaveChangesAsync();
            tracked.PublishOutcome("What we asked", entry.YouSaidSummary, entry.WeDidMarkdown, entry.Id, now);
            await db.SaveChangesAsync();
            if (db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlRawAsync("ANALYZE; PRAGMA optimize;");
            }

            output.WriteLine($"{responses} consultation responses (consultation {consultationId}, outcome {entry.Reference}) in {clock.Elapsed.TotalSeconds:0.0} s");
        }

        // The analysis page's queries, timed in process: cold (a fresh memo each run, so every count is computed in
        // SQL) and warm (the memo of counts hit; the fingerprint, questions and written answers still read). 5 warm-up runs, then 50.
        foreach (var cold in new[] { true, false })
        {
            var timings = new List<double>();
            for (var run = 0; run < 55; run++)
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
                using var fresh = new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions());
                var analysis = cold ? new ConsultationAnalysis(db, fresh) : scope.ServiceProvider.GetRequiredService<ConsultationAnalysis>();
                var answers = scope.ServiceProvider.GetRequiredService<AnalysisTextAnswers>();
                var watch = Stopwatch.StartNew();
                _ = await analysis.FiguresAsync(consultationId);
                _ = await answers.PageAsync(consultationId, null, 1);
                if (run >= 5)
                {
                    timings.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            timings.Sort();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"analysis queries for {responses} responses ({(cold ? "cold: every count computed" : "warm: counts from the memo")}), 50 runs: p50 {timings[timings.Count / 2]:0.0} ms, p99 {timings[(int)(timings.Count * 0.99)]:0.0} ms"));
        }
    }
}
