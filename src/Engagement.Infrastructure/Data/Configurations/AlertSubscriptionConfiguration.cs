using Engagement.Domain.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Engagement.Infrastructure.Data.Configurations;

internal sealed class AlertSubscriptionConfiguration : IEntityTypeConfiguration<AlertSubscription>
{
    public void Configure(EntityTypeBuilder<AlertSubscription> b)
    {
        b.Property(s => s.Email).HasMaxLength(320);
        b.Property(s => s.Priorities).HasMaxLength(200);
        b.Property(s => s.Sections).HasMaxLength(400);
        b.Property(s => s.Statuses).HasMaxLength(400);
        b.Property(s => s.EventSeries).HasMaxLength(1400);
        b.Property(s => s.EventAudiences).HasMaxLength(100);
        b.Property(s => s.ConfirmTokenHash).HasMaxLength(64);
        b.Property(s => s.ManageStamp).HasMaxLength(64);
        b.HasIndex(s => s.ConfirmTokenHash);
        b.HasIndex(s => new { s.ConfirmedAt, s.CreatedAt });
        b.HasIndex(s => s.Email);
    }
}
