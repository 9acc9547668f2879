using Engagement.Domain.Feedback;
using Engagement.Domain.Priorities;
using Engagement.Domain.Responses;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Engagement.Infrastructure.Data;

/// <summary>
/// A value that changes, in the same transaction, with every change to a set of rows. Something computed after reading
/// stamp S is at least as new as S; while the stamp still reads S nothing it was computed from has changed, so it may be
/// served again (decision 0026). Set by <see cref="EngagementDbContext"/> on every save that touches those rows; a bulk
/// write that bypasses the change tracker (the volume generator) calls <see cref="TouchAsync"/> itself. There are two:
/// <see cref="PublicFigures"/> and <see cref="FeedbackChoices"/> (decision 0029). The first keys the insights figures,
/// the public log's facet cells and the inbox's quick-filter counts (decision 0030).
/// </summary>
public sealed class ChangeStamp
{
    /// <summary>The public figures: feedback, entries, their priority links and priorities.</summary>
    public const string PublicFigures = "public-figures";

    /// <summary>What the feedback form offers: the priorities, and the title, time, kind and cancellation of events.</summary>
    public const string FeedbackChoices = "feedback-choices";

    public string Name { get; set; } = "";

    public Guid Value { get; set; }

    private static readonly string[] EventChoiceProperties =
        [nameof(Domain.Events.Event.Title), nameof(Domain.Events.Event.StartsAt), nameof(Domain.Events.Event.Kind), nameof(Domain.Events.Event.IsCancelled)];

    private static bool Counts(EntityEntry entry) =>
        entry.Entity is FeedbackItem or FeedbackItemPriority or ResponseEntry or ResponseEntryPriority or Priority
            // A consultation names its outcome entry (the log's "consultation outcomes" filter and counts).
            or Engagement.Domain.Consultations.Consultation;

    private static bool ChangesFeedbackChoices(EntityEntry entry) =>
        entry.Entity is Priority ||
        (entry.Entity is Domain.Events.Event && (entry.State != EntityState.Modified || EventChoiceProperties.Any(p => entry.Property(p).IsModified)));

    /// <summary>Gives each stamp a new value if this save adds, changes or deletes a row it covers.</summary>
    internal static void Update(EngagementDbContext db)
    {
        var changed = db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (changed.Any(Counts))
        {
            Renew(db, PublicFigures);
        }

        if (changed.Any(ChangesFeedbackChoices))
        {
            Renew(db, FeedbackChoices);
        }
    }

    private static void Renew(EngagementDbContext db, string name)
    {
        var tracked = db.ChangeTracker.Entries<ChangeStamp>().FirstOrDefault(e => e.Entity.Name == name);
        if (tracked is null)
        {
            // An update by key without a read: a random value cannot be lost to a concurrent writer.
            tracked = db.Attach(new ChangeStamp { Name = name, Value = Guid.Empty });
        }

        tracked.Entity.Value = Guid.NewGuid();
        tracked.Property(s => s.Value).IsModified = true;
    }

    /// <summary>For writes outside the change tracker.</summary>
    public static Task TouchAsync(EngagementDbContext db, CancellationToken cancellationToken, string name = PublicFigures) =>
        db.ChangeStamps.Where(s => s.Name == name)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Value, Guid.NewGuid()), cancellationToken);

    /// <summary>The current value (one row read by key).</summary>
    public static Task<Guid> ReadAsync(EngagementDbContext db, CancellationToken cancellationToken, string name = PublicFigures) =>
        db.ChangeStamps.AsNoTracking().Where(s => s.Name == name).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
}

internal sealed class ChangeStampConfiguration : IEntityTypeConfiguration<ChangeStamp>
{
    public void Configure(EntityTypeBuilder<ChangeStamp> b)
    {
        b.HasKey(s => s.Name);
        b.Property(s => s.Name).HasMaxLength(40);
        b.HasData(
            new ChangeStamp { Name = ChangeStamp.PublicFigures, Value = new Guid("6d1f0c8e-3b1a-4f51-9a52-0c1d2e3f4a5b") },
            new ChangeStamp { Name = ChangeStamp.FeedbackChoices, Value = new Guid("2b7e4f90-5c3d-4a8e-b1f2-9d6c0a4e7f13") });
    }
}
