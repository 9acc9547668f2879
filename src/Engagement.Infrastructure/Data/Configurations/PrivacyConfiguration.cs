using Engagement.Domain.Feedback;
using Engagement.Domain.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Engagement.Infrastructure.Data.Configurations;

internal sealed class RetentionHoldConfiguration : IEntityTypeConfiguration<RetentionHold>
{
    public void Configure(EntityTypeBuilder<RetentionHold> b)
    {
        b.Property(h => h.PlacedByUserId).HasMaxLength(450);
        b.Property(h => h.ReleasedByUserId).HasMaxLength(450);
        b.HasIndex(h => new { h.FeedbackItemId, h.ReleasedAt });
        b.HasOne<FeedbackItem>().WithMany().HasForeignKey(h => h.FeedbackItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DataRequestConfiguration : IEntityTypeConfiguration<DataRequest>
{
    public void Configure(EntityTypeBuilder<DataRequest> b)
    {
        b.Property(r => r.CaseReference).HasMaxLength(50);
        b.Property(r => r.RecordedByUserId).HasMaxLength(450);
        b.Property(r => r.CompletedByUserId).HasMaxLength(450);
        b.Property(r => r.ErasureReason).HasMaxLength(500);
        b.HasIndex(r => new { r.CompletedAt, r.DueOn });
    }
}
