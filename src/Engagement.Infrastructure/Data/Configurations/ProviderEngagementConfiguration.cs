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

internal sealed class StandardCriterionConfiguration : IEntityTypeConfiguration<StandardCriterion>
{
    public void Configure(EntityTypeBuilder<StandardCriterion> b)
    {
        b.Property(c => c.Name).HasMaxLength(StandardLimits.NameMaxLength);
        b.Property(c => c.Description).HasMaxLength(StandardLimits.DescriptionMaxLength);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.IsRetired);
        b.Ignore(c => c.Rule);
        b.HasIndex(c => new { c.RetiredAt, c.Position });
    }
}

internal sealed class StandardJudgementConfiguration : IEntityTypeConfiguration<StandardJudgement>
{
    public void Configure(EntityTypeBuilder<StandardJudgement> b)
    {
        b.Property(j => j.ProviderUserId).HasMaxLength(450);
        b.Property(j => j.JudgedByUserId).HasMaxLength(450);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(j => j.ProviderUserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StandardCriterion>().WithMany().HasForeignKey(j => j.CriterionId).OnDelete(DeleteBehavior.Restrict);

        // A provider's judgements for the quarters shown, latest first.
        b.HasIndex(j => new { j.ProviderUserId, j.QuarterStart, j.CriterionId, j.JudgedAt });
    }
}

internal sealed class MarketStandardWatchConfiguration : IEntityTypeConfiguration<MarketStandardWatch>
{
    public void Configure(EntityTypeBuilder<MarketStandardWatch> b)
    {
        // One row per provider per quarter: the key is what makes the falling-behind notice once only.
        b.HasKey(w => new { w.ProviderUserId, w.QuarterStart });
        b.Property(w => w.ProviderUserId).HasMaxLength(450);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(w => w.ProviderUserId).OnDelete(DeleteBehavior.Cascade);
    }
}
