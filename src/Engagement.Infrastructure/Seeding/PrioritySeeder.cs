using System.Text.Json;
using System.Text.Json.Serialization;
using Engagement.Domain.Common;
using Engagement.Domain.Priorities;
using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Infrastructure.Seeding;

/// <summary>
/// Loads the commissioning priorities from seeds/priorities.json. Idempotent: running it again updates the same rows;
/// a priority missing from the file is marked not live rather than deleted (feedback may still refer to it).
/// </summary>
public sealed class PrioritySeeder(EngagementDbContext db)
{
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "seeds", "priorities.json");

    public static IReadOnlyList<Priority> Read(string path)
    {
        using var stream = File.OpenRead(path);
        var file = JsonSerializer.Deserialize<PriorityFile>(stream, JsonOptions)
            ?? throw new InvalidOperationException($"{path} is empty.");
        return file.Priorities.Select(p => new Priority
        {
            Number = p.Number,
            Section = p.Section,
            ShortTitle = p.ShortTitle,
            FullText = p.FullText,
            IsMarketOpportunity = p.IsMarketOpportunity,
            PlanPeriod = p.PlanPeriod,
            IsLive = true,
        }).ToList();
    }

    public async Task SeedAsync(string path, CancellationToken cancellationToken = default)
    {
        var wanted = Read(path);
        var existing = await db.Priorities.ToDictionaryAsync(p => p.Number, cancellationToken);
        foreach (var priority in wanted)
        {
            if (existing.Remove(priority.Number, out var row))
            {
                row.Section = priority.Section;
                row.ShortTitle = priority.ShortTitle;
                row.FullText = priority.FullText;
                row.IsMarketOpportunity = priority.IsMarketOpportunity;
                row.PlanPeriod = priority.PlanPeriod;
                row.IsLive = true;
            }
            else
            {
                db.Priorities.Add(priority);
            }
        }

        foreach (var retired in existing.Values)
        {
            retired.IsLive = false;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private sealed record PriorityFile(List<PriorityRow> Priorities);

    private sealed record PriorityRow(
        int Number, ServiceSection Section, string ShortTitle, string FullText, bool IsMarketOpportunity, string PlanPeriod);
}
