using Engagement.Domain.Priorities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Engagement.Infrastructure.Data.Configurations;

internal sealed class PriorityConfiguration : IEntityTypeConfiguration<Priority>
{
    public void Configure(EntityTypeBuilder<Priority> b)
    {
        b.HasKey(p => p.Number);
        b.Property(p => p.Number).ValueGeneratedNever();
        b.Property(p => p.ShortTitle).HasMaxLength(200);
        b.Property(p => p.FullText).HasMaxLength(4000);
        b.Property(p => p.PlanPeriod).HasMaxLength(20);
    }
}
