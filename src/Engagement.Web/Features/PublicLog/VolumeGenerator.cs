using System.Diagnostics;
using System.Globalization;
using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.PublicLog;

/// <summary>
/// `dotnet run --project src/Engagement.Web -- generate-volume --entries 20000 --feedback 200000`: migrates, seeds the
/// priorities (as every start does), then bulk-inserts synthetic published entries with their status history and
/// priorities, and feedback items linked to them, in batches of a few thousand rows per transaction. For benchmarks:
/// deterministic (a fixed random seed), and it never touches existing rows.
/// </summary>
public static class VolumeGenerator
{
    public const string Command = "generate-volume";
    private const int BatchSize = 2000;

    private static readonly (ServiceSection Section, int First, int Last)[] Sections =
    [
        (ServiceSection.HomeCare, 1, 4), (ServiceSection.ResidentialAndNursing, 5, 7), (ServiceSection.ExtraCareHousing, 8, 10),
        (ServiceSection.AssistiveTechnology, 11, 13), (ServiceSection.Workforce, 14, 15), (ServiceSection.CoProduction, 16, 18),
    ];

    private static readonly ResponseStatus[][] Paths =
    [
        [ResponseStatus.UnderReview],
        [ResponseStatus.UnderReview, ResponseStatus.ActionPlanned],
        [ResponseStatus.UnderReview, ResponseStatus.ActionPlanned, ResponseStatus.InProgress],
        [ResponseStatus.UnderReview, ResponseStatus.ActionPlanned, ResponseStatus.InProgress, ResponseStatus.Completed],
        [ResponseStatus.UnderReview, ResponseStatus.ActionPlanned, ResponseStatus.Completed],
        [ResponseStatus.UnderReview, ResponseStatus.NotTakenForward],
    ];

    private static readonly string[] Topics =
    [
        "visit times", "care home fees", "information about extra care housing", "dementia training", "falls sensors",
        "recruitment of care workers", "respite for carers", "transport to day centres", "hospital discharge", "meals at home",
        "video calling", "staff turnover", "involving carers in decisions", "waiting lists", "continuity of carers",
    ];

    private sealed record Created(int Id, DateTime FirstPublishedAt, ServiceSection Section, int Priority);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var entries = Option(args, "--entries", 20000);
        var feedback = Option(args, "--feedback", 200000);
        var clock = Stopwatch.StartNew();
        var random = new Random(20260601);
        var now = DateTime.UtcNow;

        int offset;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
            offset = Math.Max(await db.ResponseEntries.CountAsync(), await db.FeedbackItems.CountAsync()) + 100000;
        }

        var created = new List<Created>(entries);
        for (var start = 0; start < entries; start += BatchSize)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var batch = new List<ResponseEntry>();
            for (var i = start; i < Math.Min(entries, start + BatchSize); i++)
            {
                batch.Add(NewEntry(random, now, offset + i));
            }

            db.ResponseEntries.AddRange(batch);
            await db.SaveChangesAsync();
            created.AddRange(batch.Select(e => new Created(e.Id, e.FirstPublishedAt!.Value, e.Section, e.Priorities[0].PriorityNumber)));
        }

        output.WriteLine($"{entries} published entries in {clock.Elapsed.TotalSeconds:0.0} s");
        for (var start = 0; start < feedback; start += BatchSize * 2)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(feedback, start + BatchSize * 2); i++)
            {
                db.FeedbackItems.Add(NewFeedback(random, now, offset + i, created.Count == 0 || random.Next(10) == 0 ? null : created[random.Next(created.Count)]));
            }

            await db.SaveChangesAsync();
        }

        output.WriteLine($"{feedback} feedback items; done in {clock.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    private static ResponseEntry NewEntry(Random random, DateTime now, int sequence)
    {
        var createdAt = now.AddDays(-random.Next(30, 1100)).AddMinutes(random.Next(0, 1440));
        var (section, first, last) = Sections[random.Next(Sections.Length)];
        var topic = Topics[random.Next(Topics.Length)];
        var entry = ResponseEntry.Create(ResponseEntry.FormatReference(createdAt.Year, sequence), $"People asked about {topic} ({sequence})", "volume-generator", createdAt);
        entry.YouSaidSummary = $"People who draw on care, carers and providers told us about {topic}. Synthetic entry {sequence} for load testing.";
        entry.WeDidMarkdown = $"We looked at **{topic}** with the people who raised it.\n\n- We met providers\n- We agreed next steps";
        entry.Section = section;
        entry.OwnerTeam = section.Name() + " commissioning";
        var priorities = Enumerable.Range(first, last - first + 1).OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToList();
        entry.Priorities = priorities.Select(p => new ResponseEntryPriority { PriorityNumber = p }).ToList();
        var at = createdAt.AddDays(random.Next(1, 30));
        var published = entry.Publish(at);
        if (!published.Succeeded)
        {
            throw new InvalidOperationException(published.Error);
        }

        foreach (var status in Paths[random.Next(Paths.Length)])
        {
            at = at.AddDays(random.Next(1, 25)).AddMinutes(random.Next(0, 600));
            var note = status is ResponseStatus.UnderReview ? null : $"Synthetic note: {status.Name().ToLowerInvariant()}.";
            DateOnly? target = status == ResponseStatus.ActionPlanned ? DateOnly.FromDateTime(at.AddDays(90)) : null;
            var result = entry.ChangeStatus(status, note, target, "volume-generator", at);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.Error);
            }
        }

        return entry;
    }

    private static FeedbackItem NewFeedback(Random random, DateTime now, int sequence, Created? entry)
    {
        var submittedAt = entry is null
            ? now.AddDays(-random.Next(1, 1100)).AddMinutes(random.Next(0, 1440))
            : entry.FirstPublishedAt.AddDays(-random.Next(1, 90)).AddMinutes(-random.Next(0, 1440));
        var (section, first, last) = entry is null ? Sections[random.Next(Sections.Length)] : Sections.First(s => s.Section == entry.Section);
        return new FeedbackItem
        {
            Reference = FeedbackItem.FormatReference(submittedAt.Year, sequence),
            SubmittedAt = submittedAt,
            Role = (SubmitterRole)random.Next(1, 5),
            Section = section,
            Text = "Synthetic feedback for load testing.",
            Channel = (FeedbackChannel)random.Next(1, 7),
            TrackingTokenHash = SecureToken.Hash(sequence.ToString(CultureInfo.InvariantCulture) + "-volume"),
            State = entry is null ? FeedbackState.Received : FeedbackState.LinkedToEntry,
            ResponseEntryId = entry?.Id,
            Priorities = [new FeedbackItemPriority { PriorityNumber = entry?.Priority ?? random.Next(first, last + 1) }],
        };
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : fallback;
    }
}
