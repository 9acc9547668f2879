using Engagement.Domain.Events;
using Engagement.Domain.Feedback;
using Engagement.Domain.Priorities;
using Engagement.Domain.Responses;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Engagement.Infrastructure.Data.Configurations;

internal sealed class FeedbackItemConfiguration : IEntityTypeConfiguration<FeedbackItem>
{
    public void Configure(EntityTypeBuilder<FeedbackItem> b)
    {
        b.Property(f => f.Reference).HasMaxLength(20);
        b.HasIndex(f => f.Reference).IsUnique();
        b.Property(f => f.Text).HasMaxLength(FeedbackLimits.TextMaxLength);
        b.Property(f => f.ContactName).HasMaxLength(FeedbackLimits.NameMaxLength);
        b.Property(f => f.ContactEmail).HasMaxLength(FeedbackLimits.EmailMaxLength);
        b.Property(f => f.TrackingTokenHash).HasMaxLength(64);
        b.HasIndex(f => f.TrackingTokenHash).IsUnique();
        b.Property(f => f.SubmissionKey).HasMaxLength(64);
        b.HasIndex(f => f.SubmissionKey).IsUnique();
        b.Property(f => f.FlagNote).HasMaxLength(FeedbackLimits.FlagNoteMaxLength);
        b.Property(f => f.FlaggedByUserId).HasMaxLength(450);
        b.Property(f => f.AssignedToUserId).HasMaxLength(450);
        b.Property(f => f.EnteredByUserId).HasMaxLength(450);
        b.HasIndex(f => new { f.PossibleSafeguarding, f.SubmittedAt });
        // The inbox's "new" filter: nobody has looked at it yet.
        b.HasIndex(f => new { f.FirstLookedAt, f.SubmittedAt });
        // "First feedback" per entry (the public log's days-to-first-response figures) reads this index alone. Partial
        // (linked items only; `ResponseEntryId = ?` implies it), so that SQLite does not take it for the few rows of
        // "ResponseEntryId IS NULL" when the inbox asks for unlinked items (decision 0030).
        b.HasIndex([nameof(FeedbackItem.ResponseEntryId), nameof(FeedbackItem.SubmittedAt)], "IX_FeedbackItems_Linked_ByEntry")
            .HasFilter("ResponseEntryId IS NOT NULL");

        // Waiting items (no first response) and answered ones, each in partial indexes. A partial index, not one that
        // leads with FirstRespondedAt: ANALYZE counts every NULL as a distinct value, so SQLite took "FirstRespondedAt
        // IS NULL" (every waiting item) for a handful of rows and searched a date range and sorted it, or read every
        // waiting item for a search, instead of reading an index in the page's order (decision 0030). A partial index's
        // statistics count only its own rows. The filter is plain SQL both providers accept.
        // "Due this week" and "overdue" by arrival, their counts, and the due-date order's waiting items, oldest first
        // (FirstRespondedAt, always NULL here, makes the counts index-only).
        b.HasIndex([nameof(FeedbackItem.IsQuarantined), nameof(FeedbackItem.SubmittedAt), nameof(FeedbackItem.FirstRespondedAt)], InboxRank.WaitingByArrivalIndex)
            .HasFilter("FirstRespondedAt IS NULL");
        // The due-date order's answered items, oldest first (after every waiting item).
        b.HasIndex([nameof(FeedbackItem.IsQuarantined), nameof(FeedbackItem.SubmittedAt)], InboxRank.AnsweredByArrivalIndex)
            .HasFilter("FirstRespondedAt IS NOT NULL");
        b.HasIndex(f => f.EventId);

        // The inbox (decision 0027): its order and keyset pages, all items, possible safeguarding and quarantined.
        b.Property<int>(InboxRank.Property);
        b.HasIndex(nameof(FeedbackItem.IsQuarantined), InboxRank.Property, nameof(FeedbackItem.SubmittedAt));
        // "Overdue" and "Due this week" (waiting items) in the same order.
        b.HasIndex([nameof(FeedbackItem.IsQuarantined), InboxRank.Property, nameof(FeedbackItem.SubmittedAt)], InboxRank.WaitingInOrderIndex)
            .HasFilter("FirstRespondedAt IS NULL");
        // "Assigned to me" in the same order.
        b.HasIndex(nameof(FeedbackItem.AssignedToUserId), nameof(FeedbackItem.IsQuarantined), InboxRank.Property, nameof(FeedbackItem.SubmittedAt));
        // "Not yet linked" and "new" (unlinked items, a partial index for the same reason as waiting items) in the same
        // order; Flag, FirstLookedAt and ResponseEntryId (always NULL here) make their counts index-only.
        b.HasIndex(
            [nameof(FeedbackItem.IsQuarantined), InboxRank.Property, nameof(FeedbackItem.SubmittedAt), nameof(FeedbackItem.Flag), nameof(FeedbackItem.FirstLookedAt), nameof(FeedbackItem.ResponseEntryId)],
            "IX_FeedbackItems_Unlinked_InOrder")
            .HasFilter("ResponseEntryId IS NULL");
        b.HasOne(f => f.ResponseEntry).WithMany().HasForeignKey(f => f.ResponseEntryId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Event>().WithMany().HasForeignKey(f => f.EventId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(f => f.Priorities).WithOne().HasForeignKey(p => p.FeedbackItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(f => f.Notes).WithOne().HasForeignKey(n => n.FeedbackItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FeedbackItemPriorityConfiguration : IEntityTypeConfiguration<FeedbackItemPriority>
{
    public void Configure(EntityTypeBuilder<FeedbackItemPriority> b)
    {
        b.HasKey(p => new { p.FeedbackItemId, p.PriorityNumber });
        b.HasIndex(p => p.PriorityNumber);
        b.HasOne<Priority>().WithMany().HasForeignKey(p => p.PriorityNumber).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FeedbackNoteConfiguration : IEntityTypeConfiguration<FeedbackNote>
{
    public void Configure(EntityTypeBuilder<FeedbackNote> b)
    {
        b.Property(n => n.AuthorUserId).HasMaxLength(450);
        b.Property(n => n.Text).HasMaxLength(FeedbackLimits.NoteMaxLength);
    }
}
