using Engagement.Domain.Consultations;
using Engagement.Domain.Events;
using Engagement.Domain.Priorities;
using Engagement.Domain.Responses;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Engagement.Infrastructure.Data.Configurations;

internal sealed class ConsultationConfiguration : IEntityTypeConfiguration<Consultation>
{
    public void Configure(EntityTypeBuilder<Consultation> b)
    {
        b.Property(c => c.Title).HasMaxLength(ConsultationLimits.TitleMaxLength);
        b.Property(c => c.Summary).HasMaxLength(ConsultationLimits.SummaryMaxLength);
        b.Property(c => c.BackgroundMarkdown).HasMaxLength(ConsultationLimits.BackgroundMaxLength);
        b.Property(c => c.OtherWaysToAnswer).HasMaxLength(ConsultationLimits.OtherWaysMaxLength);
        b.Property(c => c.OutcomeWeAsked).HasMaxLength(1000);
        b.Property(c => c.OutcomeYouSaid).HasMaxLength(ConsultationLimits.OutcomeSummaryMaxLength);
        b.Property(c => c.OutcomeWeDidMarkdown).HasMaxLength(ConsultationLimits.OutcomeDecisionMaxLength);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.HasOutcome);
        b.Ignore(c => c.Ordered);
        b.Ignore(c => c.Pages);

        // The hub lists published consultations by closing date.
        b.HasIndex(c => new { c.IsPublished, c.ClosesAt });
        b.HasIndex(c => c.OutcomeEntryId).IsUnique();
        b.HasOne<ResponseEntry>().WithMany().HasForeignKey(c => c.OutcomeEntryId).OnDelete(DeleteBehavior.Restrict);

        b.HasMany(c => c.Questions).WithOne().HasForeignKey(q => q.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Questions).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(c => c.Priorities).WithOne().HasForeignKey(p => p.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Priorities).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(c => c.DateChanges).WithOne().HasForeignKey(d => d.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.DateChanges).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ConsultationQuestionConfiguration : IEntityTypeConfiguration<ConsultationQuestion>
{
    public void Configure(EntityTypeBuilder<ConsultationQuestion> b)
    {
        b.Property(q => q.Text).HasMaxLength(ConsultationLimits.QuestionTextMaxLength);
        b.Property(q => q.Hint).HasMaxLength(ConsultationLimits.HintMaxLength);
        b.Ignore(q => q.FieldName);
        b.Ignore(q => q.OtherFieldName);
        b.Ignore(q => q.AnswerMaxLength);
        b.HasIndex(q => new { q.ConsultationId, q.PageNumber, q.Position });
        b.HasMany(q => q.Options).WithOne().HasForeignKey(o => o.QuestionId).OnDelete(DeleteBehavior.Cascade);
        b.Metadata.FindNavigation(nameof(ConsultationQuestion.Options))!.SetField("_options");
        b.Navigation(q => q.Options).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class QuestionOptionConfiguration : IEntityTypeConfiguration<QuestionOption>
{
    public void Configure(EntityTypeBuilder<QuestionOption> b)
    {
        b.Property(o => o.Label).HasMaxLength(ConsultationLimits.OptionMaxLength);
    }
}

internal sealed class ConsultationPriorityConfiguration : IEntityTypeConfiguration<ConsultationPriority>
{
    public void Configure(EntityTypeBuilder<ConsultationPriority> b)
    {
        b.HasKey(p => new { p.ConsultationId, p.PriorityNumber });
        b.HasIndex(p => new { p.PriorityNumber, p.ConsultationId });
        b.HasOne<Priority>().WithMany().HasForeignKey(p => p.PriorityNumber).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConsultationEventConfiguration : IEntityTypeConfiguration<ConsultationEvent>
{
    public void Configure(EntityTypeBuilder<ConsultationEvent> b)
    {
        b.HasKey(e => new { e.ConsultationId, e.EventId });
        b.HasIndex(e => e.EventId);
        b.HasOne<Event>().WithMany().HasForeignKey(e => e.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConsultationDateChangeConfiguration : IEntityTypeConfiguration<ConsultationDateChange>
{
    public void Configure(EntityTypeBuilder<ConsultationDateChange> b)
    {
        b.Property(d => d.Reason).HasMaxLength(ConsultationLimits.ReasonMaxLength);
        b.Property(d => d.ChangedByUserId).HasMaxLength(450);
        b.Ignore(d => d.IsExtension);
        b.HasIndex(d => new { d.ConsultationId, d.ChangedAt });
    }
}

internal sealed class ConsultationResponseConfiguration : IEntityTypeConfiguration<ConsultationResponse>
{
    public void Configure(EntityTypeBuilder<ConsultationResponse> b)
    {
        b.Property(r => r.Reference).HasMaxLength(20);
        b.HasIndex(r => r.Reference).IsUnique();
        b.Property(r => r.TokenHash).HasMaxLength(100);
        b.HasIndex(r => r.TokenHash).IsUnique();
        b.Property(r => r.SubmissionKey).HasMaxLength(100);
        b.HasIndex(r => r.SubmissionKey).IsUnique();
        b.Property(r => r.Email).HasMaxLength(320);
        b.Property(r => r.EnteredByUserId).HasMaxLength(450);
        b.Property(r => r.ProviderUserId).HasMaxLength(450);
        b.Property(r => r.FlaggedByUserId).HasMaxLength(450);
        b.Property(r => r.Version).IsConcurrencyToken();

        // Analysis and the staff list read one consultation's responses, newest first.
        b.HasIndex(r => new { r.ConsultationId, r.ReceivedAt });
        b.HasOne<Consultation>().WithMany().HasForeignKey(r => r.ConsultationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Answers).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ConsultationAnswerConfiguration : IEntityTypeConfiguration<ConsultationAnswer>
{
    public void Configure(EntityTypeBuilder<ConsultationAnswer> b)
    {
        b.Property(a => a.Text).HasMaxLength(ConsultationLimits.LongTextMaxLength);
        b.Property(a => a.Theme).HasMaxLength(ConsultationLimits.ThemeMaxLength);

        // The analysis counts answers by question and option.
        b.HasIndex(a => new { a.QuestionId, a.OptionId });
        b.HasOne<ConsultationQuestion>().WithMany().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<QuestionOption>().WithMany().HasForeignKey(a => a.OptionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Priority>().WithMany().HasForeignKey(a => a.PriorityNumber).OnDelete(DeleteBehavior.Restrict);
    }
}
