using Engagement.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Engagement.Infrastructure.Data.Configurations;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.Property(u => u.OrganisationName).HasMaxLength(200);
        b.Property(u => u.CqcLocationId).HasMaxLength(20);
        b.Property(u => u.DedicatedCommissionerId).HasMaxLength(450);
        b.Property(u => u.ProviderSlug).HasMaxLength(80);
        b.HasIndex(u => u.ProviderSlug).IsUnique();
    }
}

internal sealed class SignInThrottleConfiguration : IEntityTypeConfiguration<Security.SignInThrottleEntry>
{
    public void Configure(EntityTypeBuilder<Security.SignInThrottleEntry> b)
    {
        b.ToTable("SignInThrottles");
        b.HasKey(t => t.Key);
        b.Property(t => t.Key).HasMaxLength(80);
    }
}
