using Engagement.Domain.Feedback;
using Engagement.Domain.Priorities;
using Engagement.Domain.Responses;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Engagement.Infrastructure.Data;

/// <summary>
/// A value that changes, in the same transaction, with every change to the rows the public aggregates are counted from
/// (feedback items, response entries, their priority links, priorities). A figure computed after reading stamp S is at
/// least as new as S; while the stamp still reads S nothing it counts has changed, so the figure may be served again
/// (decision 0026). Set by <see cref="EngagementDbContext"/> on every save that touches those rows; a bulk write that
/// bypasses the change tracker (the volume generator) calls <see cref="TouchAsync"/> itself.
/// </summary>
public sealed class ChangeStamp
{
    /// <summary>The one stamp: feedback, entries, links and priorities.</summary>
    public const string PublicFigures = "public-figures";

    public string Name { get; set; } = "";

    public Guid Value { get; set; }

    private static bool Counts(object entity) =>
        entity is FeedbackItem or FeedbackItemPriority or ResponseEntry or ResponseEntryPriority or Priority;

    /// <summary>Gives the stamp a new value if this save adds, changes or deletes a row the aggregates count.</summary>
    internal static void Update(EngagementDbContext db)
    {
        var touched = db.ChangeTracker.Entries()
            .Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && Counts(e.Entity));
        if (!touched)
        {
            return;
        }

        var tracked = db.ChangeTracker.Entries<ChangeStamp>().FirstOrDefault(e => e.Entity.Name == PublicFigures);
        if (tracked is null)
        {
            // An update by key without a read: a random value cannot be lost to a concurrent writer.
            tracked = db.Attach(new ChangeStamp { Name = PublicFigures, Value = Guid.Empty });
        }

        tracked.Entity.Value = Guid.NewGuid();
        tracked.Property(s => s.Value).IsModified = true;
    }

    /// <summary>For writes outside the change tracker.</summary>
    public static Task TouchAsync(EngagementDbContext db, CancellationToken cancellationToken) =>
        db.ChangeStamps.Where(s => s.Name == PublicFigures)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Value, Guid.NewGuid()), cancellationToken);

    /// <summary>The current value (one row read by key).</summary>
    public static Task<Guid> ReadAsync(EngagementDbContext db, CancellationToken cancellationToken) =>
        db.ChangeStamps.AsNoTracking().Where(s => s.Name == PublicFigures).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
}

internal sealed class ChangeStampConfiguration : IEntityTypeConfiguration<ChangeStamp>
{
    public void Configure(EntityTypeBuilder<ChangeStamp> b)
    {
        b.HasKey(s => s.Name);
        b.Property(s => s.Name).HasMaxLength(40);
        b.HasData(new ChangeStamp { Name = ChangeStamp.PublicFigures, Value = new Guid("6d1f0c8e-3b1a-4f51-9a52-0c1d2e3f4a5b") });
    }
}
