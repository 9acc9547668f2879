using Engagement.Domain.Auditing;
using Engagement.Domain.Email;
using Engagement.Domain.Events;
using Engagement.Domain.Feedback;
using Engagement.Domain.Priorities;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Infrastructure.Data;

/// <summary>The one database model: domain tables, Identity tables and data protection keys, for both providers.</summary>
public sealed class EngagementDbContext(DbContextOptions<EngagementDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<Priority> Priorities => Set<Priority>();
    public DbSet<FeedbackItem> FeedbackItems => Set<FeedbackItem>();
    public DbSet<FeedbackItemPriority> FeedbackItemPriorities => Set<FeedbackItemPriority>();
    public DbSet<FeedbackNote> FeedbackNotes => Set<FeedbackNote>();
    public DbSet<ResponseEntry> ResponseEntries => Set<ResponseEntry>();
    public DbSet<ResponseEntryPriority> ResponseEntryPriorities => Set<ResponseEntryPriority>();
    public DbSet<ResponseEntryEvent> ResponseEntryEvents => Set<ResponseEntryEvent>();
    public DbSet<StatusChange> StatusChanges => Set<StatusChange>();
    public DbSet<Domain.Alerts.AlertSubscription> AlertSubscriptions => Set<Domain.Alerts.AlertSubscription>();
    public DbSet<Event> Events => Set<Event>();
    public DbSet<EventChange> EventChanges => Set<EventChange>();
    public DbSet<EventPriority> EventPriorities => Set<EventPriority>();
    public DbSet<Registration> Registrations => Set<Registration>();
    public DbSet<ReminderSent> RemindersSent => Set<ReminderSent>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<ReferenceCounter> ReferenceCounters => Set<ReferenceCounter>();
    public DbSet<ChangeStamp> ChangeStamps => Set<ChangeStamp>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<SavedDraft> SavedDrafts => Set<SavedDraft>();
    public DbSet<Security.SignInThrottleEntry> SignInThrottles => Set<Security.SignInThrottleEntry>();
    public DbSet<Domain.Privacy.RetentionHold> RetentionHolds => Set<Domain.Privacy.RetentionHold>();
    public DbSet<Domain.Privacy.DataRequest> DataRequests => Set<Domain.Privacy.DataRequest>();
    public DbSet<Domain.Providers.EngagementRecord> EngagementRecords => Set<Domain.Providers.EngagementRecord>();
    public DbSet<Domain.Providers.EngagementRecordPriority> EngagementRecordPriorities => Set<Domain.Providers.EngagementRecordPriority>();
    public DbSet<Domain.Providers.EngagementStatusChange> EngagementStatusChanges => Set<Domain.Providers.EngagementStatusChange>();
    public DbSet<Domain.Providers.StandardCriterion> StandardCriteria => Set<Domain.Providers.StandardCriterion>();
    public DbSet<Domain.Providers.StandardJudgement> StandardJudgements => Set<Domain.Providers.StandardJudgement>();
    public DbSet<Domain.Providers.MarketStandardWatch> MarketStandardWatches => Set<Domain.Providers.MarketStandardWatch>();
    public DbSet<Domain.Consultations.Consultation> Consultations => Set<Domain.Consultations.Consultation>();
    public DbSet<Domain.Consultations.ConsultationQuestion> ConsultationQuestions => Set<Domain.Consultations.ConsultationQuestion>();
    public DbSet<Domain.Consultations.QuestionOption> QuestionOptions => Set<Domain.Consultations.QuestionOption>();
    public DbSet<Domain.Consultations.ConsultationResponse> ConsultationResponses => Set<Domain.Consultations.ConsultationResponse>();
    public DbSet<Domain.Consultations.ConsultationAnswer> ConsultationAnswers => Set<Domain.Consultations.ConsultationAnswer>();
    public DbSet<Domain.Consultations.OutcomeLinkedEntry> OutcomeLinkedEntries => Set<Domain.Consultations.OutcomeLinkedEntry>();
    public DbSet<Domain.Forums.AgendaItem> AgendaItems => Set<Domain.Forums.AgendaItem>();
    public DbSet<Domain.Forums.ForumRecord> ForumRecords => Set<Domain.Forums.ForumRecord>();
    public DbSet<Domain.Forums.ForumAction> ForumActions => Set<Domain.Forums.ForumAction>();
    public DbSet<Domain.Forums.ForumActionSource> ForumActionSources => Set<Domain.Forums.ForumActionSource>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(EngagementDbContext).Assembly);
        TextSearch.Configure(builder);
        SearchGrams.Configure(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Portable model: enums as text in both providers, UTC everywhere.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAppendOnly();
        PriorityMask.Update(ChangeTracker);
        InboxRank.Update(ChangeTracker);
        ChangeStamp.Update(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAppendOnly();
        PriorityMask.Update(ChangeTracker);
        InboxRank.Update(ChangeTracker);
        ChangeStamp.Update(this);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Status history and audit records are append-only: never edited, never deleted.</summary>
    private void GuardAppendOnly()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is StatusChange or Domain.Providers.EngagementStatusChange or Domain.Providers.StandardJudgement or Domain.Consultations.ConsultationDateChange or AuditRecord &&
                entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException($"{entry.Entity.GetType().Name} records are append-only.");
            }
        }
    }
}
