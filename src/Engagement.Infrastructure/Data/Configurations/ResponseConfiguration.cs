using Engagement.Domain.Events;
using Engagement.Domain.Priorities;
using Engagement.Domain.Responses;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Engagement.Infrastructure.Data.Configurations;

internal sealed class ResponseEntryConfiguration : IEntityTypeConfiguration<ResponseEntry>
{
    public void Configure(EntityTypeBuilder<ResponseEntry> b)
    {
        b.Property(e => e.Reference).HasMaxLength(20);
        b.HasIndex(e => e.Reference).IsUnique();
        b.Property(e => e.Title).HasMaxLength(ResponseLimits.TitleMaxLength);
        b.Property(e => e.YouSaidSummary).HasMaxLength(ResponseLimits.SummaryMaxLength);
        b.Property(e => e.WeDidMarkdown).HasMaxLength(ResponseLimits.WeDidMaxLength);
        b.Property(e => e.OwnerTeam).HasMaxLength(200);
        b.Property(e => e.Status).HasMaxLength(40);
        b.Property(e => e.Version).IsConcurrencyToken();

        // The public log: newest update first, keyset on (LastUpdatedAt, Id).
        b.HasIndex(e => new { e.IsPublished, e.LastUpdatedAt, e.Id });
        b.HasIndex(e => new { e.IsPublished, e.Status, e.LastUpdatedAt });
        b.HasIndex(e => new { e.IsPublished, e.Section, e.LastUpdatedAt });
        // The log's facet counts: one pass grouped by (Status, Section, PriorityMask), read from this index alone.
        b.Property<long>(PriorityMask.Property);
        b.HasIndex(nameof(ResponseEntry.IsPublished), nameof(ResponseEntry.Status), nameof(ResponseEntry.Section), PriorityMask.Property);
        // Full-text search over Title, YouSaidSummary and WeDidMarkdown lives outside the model: an FTS5 table with
        // triggers on SQLite (migration PublicLogSearchAndFacetIndexes). A migration that rebuilds this table on
        // SQLite drops those triggers and must create them again (a test searches after an edit).

        b.HasMany(e => e.Priorities).WithOne().HasForeignKey(p => p.ResponseEntryId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Events).WithOne().HasForeignKey(p => p.ResponseEntryId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.History).WithOne().HasForeignKey(h => h.ResponseEntryId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(e => e.History).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ResponseEntryPriorityConfiguration : IEntityTypeConfiguration<ResponseEntryPriority>
{
    public void Configure(EntityTypeBuilder<ResponseEntryPriority> b)
    {
        b.HasKey(p => new { p.ResponseEntryId, p.PriorityNumber });
        b.HasIndex(p => new { p.PriorityNumber, p.ResponseEntryId });
        b.HasOne<Priority>().WithMany().HasForeignKey(p => p.PriorityNumber).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ResponseEntryEventConfiguration : IEntityTypeConfiguration<ResponseEntryEvent>
{
    public void Configure(EntityTypeBuilder<ResponseEntryEvent> b)
    {
        b.HasKey(p => new { p.ResponseEntryId, p.EventId });
        b.HasOne<Event>().WithMany().HasForeignKey(p => p.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StatusChangeConfiguration : IEntityTypeConfiguration<StatusChange>
{
    public void Configure(EntityTypeBuilder<StatusChange> b)
    {
        b.Property(h => h.Note).HasMaxLength(ResponseLimits.NoteMaxLength);
        b.Property(h => h.ChangedByUserId).HasMaxLength(450);
        b.HasIndex(h => new { h.ResponseEntryId, h.ChangedAt });
    }
}
