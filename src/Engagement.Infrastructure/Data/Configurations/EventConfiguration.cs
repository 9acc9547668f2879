using Engagement.Domain.Events;
using Engagement.Domain.Priorities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Engagement.Infrastructure.Data.Configurations;

internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> b)
    {
        b.Property(e => e.Title).HasMaxLength(200);
        b.Property(e => e.Description).HasMaxLength(4000);
        b.Property(e => e.Venue).HasMaxLength(500);
        b.Property(e => e.AccessibilityInformation).HasMaxLength(2000);
        b.Property(e => e.JoiningLink).HasMaxLength(500);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => e.StartsAt);
        b.HasMany(e => e.Priorities).WithOne().HasForeignKey(p => p.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EventChangeConfiguration : IEntityTypeConfiguration<EventChange>
{
    public void Configure(EntityTypeBuilder<EventChange> b)
    {
        b.HasIndex(c => c.EventId);
        b.HasOne<Event>().WithMany().HasForeignKey(c => c.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EventPriorityConfiguration : IEntityTypeConfiguration<EventPriority>
{
    public void Configure(EntityTypeBuilder<EventPriority> b)
    {
        b.HasKey(p => new { p.EventId, p.PriorityNumber });
        b.HasOne<Priority>().WithMany().HasForeignKey(p => p.PriorityNumber).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RegistrationConfiguration : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> b)
    {
        b.Property(r => r.Name).HasMaxLength(200);
        b.Property(r => r.Email).HasMaxLength(320);
        b.Property(r => r.NormalisedEmail).HasMaxLength(320);
        b.Property(r => r.Organisation).HasMaxLength(200);
        b.Property(r => r.AccessNeeds).HasMaxLength(2000);
        b.Property(r => r.TokenHash).HasMaxLength(64);
        b.Property(r => r.UserId).HasMaxLength(450);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => r.TokenHash).IsUnique();
        b.HasIndex(r => new { r.EventId, r.NormalisedEmail }).IsUnique();
        b.HasIndex(r => new { r.EventId, r.Status, r.CreatedAt });
        b.HasOne<Event>().WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReminderSentConfiguration : IEntityTypeConfiguration<ReminderSent>
{
    public void Configure(EntityTypeBuilder<ReminderSent> b)
    {
        b.HasIndex(r => new { r.RegistrationId, r.EventStartsAt, r.HoursBefore }).IsUnique();
        b.HasOne<Registration>().WithMany().HasForeignKey(r => r.RegistrationId).OnDelete(DeleteBehavior.Cascade);
    }
}
