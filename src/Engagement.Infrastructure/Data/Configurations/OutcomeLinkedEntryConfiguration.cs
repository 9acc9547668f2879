using Engagement.Domain.Consultations;
using Engagement.Domain.Responses;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Engagement.Infrastructure.Data.Configurations;

internal sealed class OutcomeLinkedEntryConfiguration : IEntityTypeConfiguration<OutcomeLinkedEntry>
{
    public void Configure(EntityTypeBuilder<OutcomeLinkedEntry> b)
    {
        b.HasKey(l => new { l.ConsultationId, l.ResponseEntryId });
        b.HasIndex(l => l.ResponseEntryId);
        b.HasOne<Consultation>().WithMany().HasForeignKey(l => l.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ResponseEntry>().WithMany().HasForeignKey(l => l.ResponseEntryId).OnDelete(DeleteBehavior.Cascade);
    }
}
