using Engagement.Domain.Events;
using Engagement.Domain.Forums;
using Engagement.Domain.Priorities;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Engagement.Infrastructure.Data.Configurations;

internal sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> b)
    {
        b.Property(i => i.Topic).HasMaxLength(ForumLimits.TopicMaxLength);
        b.Property(i => i.WhyItMatters).HasMaxLength(ForumLimits.WhyItMattersMaxLength);
        b.Property(i => i.ProviderUserId).HasMaxLength(450);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.Ignore(i => i.IsFromProvider);
        b.HasOne<Event>().WithMany().HasForeignKey(i => i.EventId).OnDelete(DeleteBehavior.Cascade);

        // An erased provider account leaves its topics on the agenda, no longer attributed to anyone.
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(i => i.ProviderUserId).OnDelete(DeleteBehavior.SetNull);

        // A forum's items in agenda order; a provider's own items.
        b.HasIndex(i => new { i.EventId, i.State, i.Position });
        b.HasIndex(i => new { i.ProviderUserId, i.EventId });
        b.HasMany(i => i.Priorities).WithOne().HasForeignKey(p => p.AgendaItemId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(i => i.Priorities).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AgendaItemPriorityConfiguration : IEntityTypeConfiguration<AgendaItemPriority>
{
    public void Configure(EntityTypeBuilder<AgendaItemPriority> b)
    {
        b.HasKey(p => new { p.AgendaItemId, p.PriorityNumber });
        b.HasOne<Priority>().WithMany().HasForeignKey(p => p.PriorityNumber).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ForumRecordConfiguration : IEntityTypeConfiguration<ForumRecord>
{
    public void Configure(EntityTypeBuilder<ForumRecord> b)
    {
        b.HasKey(r => r.EventId);
        b.Property(r => r.EventId).ValueGeneratedNever();
        b.Property(r => r.MinutesMarkdown).HasMaxLength(ForumLimits.MinutesMaxLength);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.IsAgendaPublished);
        b.Ignore(r => r.AreMinutesPublished);
        b.HasOne<Event>().WithOne().HasForeignKey<ForumRecord>(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ForumActionConfiguration : IEntityTypeConfiguration<ForumAction>
{
    public void Configure(EntityTypeBuilder<ForumAction> b)
    {
        b.Property(a => a.Text).HasMaxLength(ForumLimits.ActionMaxLength);
        b.HasOne<Event>().WithMany().HasForeignKey(a => a.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ResponseEntry>().WithMany().HasForeignKey(a => a.ResponseEntryId).OnDelete(DeleteBehavior.Restrict);

        // Two commissioners making an entry from one action at once: the second save finds it taken and is refused.
        b.Property(a => a.ResponseEntryId).IsConcurrencyToken();
        b.HasIndex(a => new { a.EventId, a.CreatedAt });

        // One action becomes at most one entry, and an entry comes from at most one action.
        b.HasIndex(a => a.ResponseEntryId).IsUnique();
        b.HasMany(a => a.Sources).WithOne().HasForeignKey(s => s.ForumActionId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(a => a.Sources).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ForumActionSourceConfiguration : IEntityTypeConfiguration<ForumActionSource>
{
    public void Configure(EntityTypeBuilder<ForumActionSource> b)
    {
        b.HasKey(s => new { s.ForumActionId, s.AgendaItemId });
        b.HasIndex(s => s.AgendaItemId);

        // Not cascading from the item too: SQL Server refuses two cascade paths from the event.
        b.HasOne<AgendaItem>().WithMany().HasForeignKey(s => s.AgendaItemId).OnDelete(DeleteBehavior.Restrict);
    }
}
