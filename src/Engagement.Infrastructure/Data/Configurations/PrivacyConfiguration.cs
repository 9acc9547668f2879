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
