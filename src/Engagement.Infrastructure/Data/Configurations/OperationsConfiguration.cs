using Engagement.Domain.Auditing;
using Engagement.Domain.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Engagement.Infrastructure.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.Property(m => m.ToAddress).HasMaxLength(320);
        b.Property(m => m.ToName).HasMaxLength(200);
        b.Property(m => m.Subject).HasMaxLength(300);
        b.Property(m => m.Kind).HasMaxLength(60);
        b.Property(m => m.RelatedId).HasMaxLength(60);
        b.Property(m => m.UnsubscribeUrl).HasMaxLength(500);
        b.Property(m => m.AttachmentFileName).HasMaxLength(200);
        b.Property(m => m.AttachmentContentType).HasMaxLength(100);
        b.Property(m => m.LastError).HasMaxLength(2000);
        b.Property(m => m.LockedBy).HasMaxLength(100);
        b.Ignore(m => m.Status);
        b.HasIndex(m => new { m.SentAt, m.FailedAt, m.NextAttemptAt });
        b.HasIndex(m => new { m.Kind, m.RelatedId });
    }
}

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> b)
    {
        b.Property(a => a.ActorUserId).HasMaxLength(450);
        b.Property(a => a.Action).HasMaxLength(80);
        b.Property(a => a.EntityType).HasMaxLength(60);
        b.Property(a => a.EntityId).HasMaxLength(60);
        b.Property(a => a.Detail).HasMaxLength(500);
        b.HasIndex(a => new { a.EntityType, a.EntityId, a.At });
        b.HasIndex(a => new { a.At, a.Id });
        b.HasIndex(a => new { a.ActorUserId, a.At });
        b.HasIndex(a => new { a.Action, a.At });
    }
}

internal sealed class ReferenceCounterConfiguration : IEntityTypeConfiguration<ReferenceCounter>
{
    public void Configure(EntityTypeBuilder<ReferenceCounter> b)
    {
        b.HasKey(c => new { c.Kind, c.Year });
        b.Property(c => c.Kind).HasMaxLength(10);
    }
}
