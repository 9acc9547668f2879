using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Engagement.Infrastructure.Data;

/// <summary>
/// A multi-page form's answers so far, held server-side until the person sends them or the draft expires. The key is
/// in the person's cookie (or a link); only its hash is stored, and the answers are encrypted with Data Protection.
/// </summary>
public sealed class SavedDraft
{
    public long Id { get; set; }

    /// <summary>SHA-256 of the draft key; the key itself is never stored.</summary>
    public string KeyHash { get; set; } = "";

    /// <summary>Which journey the draft belongs to, for example "feedback".</summary>
    public string Journey { get; set; } = "";

    /// <summary>The answers as protected JSON.</summary>
    public string Data { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}

internal sealed class SavedDraftConfiguration : IEntityTypeConfiguration<SavedDraft>
{
    public void Configure(EntityTypeBuilder<SavedDraft> b)
    {
        b.Property(d => d.KeyHash).HasMaxLength(64);
        b.HasIndex(d => d.KeyHash).IsUnique();
        b.Property(d => d.Journey).HasMaxLength(40);
        b.HasIndex(d => d.ExpiresAt);
    }
}
