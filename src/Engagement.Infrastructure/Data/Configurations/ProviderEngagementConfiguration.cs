using Engagement.Domain.Priorities;
using Engagement.Domain.Providers;
using Engagement.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Engagement.Infrastructure.Data.Configurations;

internal sealed class EngagementRecordConfiguration : IEntityTypeConfiguration<EngagementRecord>
{
    public void Configure(EntityTypeBuilder<EngagementRecord> b)
    {
        b.Property(r => r.ProviderUserId).HasMaxLength(450);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.ProviderUserId).OnDelete(DeleteBehavior.Cascade);
        b.Property(r => r.ServiceName).HasMaxLength(EngagementRecordLimits.ServiceNameMaxLength);
        b.Property(r => r.CqcLocationId).HasMaxLength(EngagementRecordLimits.CqcLocationIdMaxLength);
        b.Property(r => r.WhatWeHeard).HasMaxLength(EngagementRecordLimits.HeardMaxLength);
        b.Property(r => r.WhatWeDid).HasMaxLength(EngagementRecordLimits.DidMaxLength);
        b.Property(r => r.SentBackReason).HasMaxLength(EngagementRecordLimits.ReasonMaxLength);
        b.Property(r => r.ReviewedByUserId).HasMaxLength(450);
        b.Property(r => r.Participants).HasConversion<int>();
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.IsPublic);

        // A provider's own list, the review queue, and a provider's public page (newest first).
        b.HasIndex(r => new { r.ProviderUserId, r.LastUpdatedAt });
        b.HasIndex(r => new { r.Moderation, r.LastUpdatedAt });

        // Records go only when their organisation's account is deleted (never by a page), and their history with them.
        b.HasMany(r => r.History).WithOne().HasForeignKey(h => h.EngagementRecordId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.History).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(r => r.Priorities).WithOne().HasForeignKey(p => p.EngagementRecordId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Priorities).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class EngagementRecordPriorityConfiguration : IEntityTypeConfiguration<EngagementRecordPriority>
{
    public void Configure(EntityTypeBuilder<EngagementRecordPriority> b)
    {
        b.HasKey(p => new { p.EngagementRecordId, p.PriorityNumber });
        b.HasIndex(p => new { p.PriorityNumber, p.EngagementRecordId });
        b.HasOne<Priority>().WithMany().HasForeignKey(p => p.PriorityNumber).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EngagementStatusChangeConfiguration : IEntityTypeConfiguration<EngagementStatusChange>
{
    public void Configure(EntityTypeBuilder<EngagementStatusChange> b)
    {
        b.Property(h => h.Note).HasMaxLength(EngagementRecordLimits.NoteMaxLength);
        b.Property(h => h.ChangedByUserId).HasMaxLength(450);
        b.HasIndex(h => new { h.EngagementRecordId, h.ChangedAt });
    }
}
