using Engagement.Infrastructure.Data;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Infrastructure.Email;

/// <summary>
/// The recurring job that sends due outbox rows. Each row is claimed with a conditional UPDATE before it is sent, so two
/// dispatchers (two app instances) never send the same row at once; a claim lapses after <see cref="ClaimDuration"/>
/// (the SMTP timeout and a margin, seconds rather than minutes) if its dispatcher dies or cannot record the outcome. Logs carry row ids only, never addresses or bodies.
/// One run reuses one SMTP connection (an <see cref="IEmailSession"/>) and takes the next batch at once while more are
/// due, so a large alert goes out in one run instead of <see cref="BatchSize"/> every 15 seconds; it stops at a
/// transient failure (the server is down or busy: back-off applies) or after <see cref="MaxBatchesPerRun"/> batches.
/// </summary>
public sealed class OutboxDispatcher(
    EngagementDbContext db,
    IEmailTransport transport,
    TimeProvider clock,
    IOptions<EmailOptions> emailOptions,
    IOptions<ServiceOptions> serviceOptions,
    ILogger<OutboxDispatcher> logger)
{
    public const int ClaimMarginSeconds = 15;

    /// <summary>Long enough for one send to finish or time out; a claim nobody released is free again after it.</summary>
    public static TimeSpan ClaimDuration(EmailOptions options) => TimeSpan.FromSeconds(options.Smtp.TimeoutSeconds + ClaimMarginSeconds);
    public const int BatchSize = 100;

    /// <summary>At most this many batches in one run, so one run never holds the job for ever while mail keeps arriving.</summary>
    public const int MaxBatchesPerRun = 500;

    private readonly string _instance = $"{Environment.MachineName}/{Guid.NewGuid():N}";

    /// <summary>Sends due messages, batch after batch on one connection, and returns how many were sent.</summary>
    [Hangfire.AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        await using var session = transport.OpenSession();
        for (var batch = 0; batch < MaxBatchesPerRun; batch++)
        {
            var now = Now();
            var due = await db.OutboxMessages.AsNoTracking()
                .Where(m => m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
                .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
                .Select(m => m.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);

            var transientFailure = false;
            foreach (var id in due)
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (await TrySendAsync(id, session, cancellationToken))
                {
                    case SendOutcome.Sent:
                        sent++;
                        break;
                    case SendOutcome.WillRetry:
                        transientFailure = true;
                        break;
                }
            }

            // A short batch means nothing more is due; a transient failure means the server needs its back-off.
            if (due.Count < BatchSize || transientFailure)
            {
                break;
            }
        }

        return sent;
    }

    private enum SendOutcome
    {
        Sent,
        NotClaimed,
        FailedPermanently,
        WillRetry,
    }

    private async Task<SendOutcome> TrySendAsync(long id, IEmailSession session, CancellationToken cancellationToken)
    {
        var now = Now();
        var lockedUntil = now + ClaimDuration(emailOptions.Value);
        var claimed = await db.OutboxMessages
            .Where(m => m.Id == id && m.SentAt == null && m.FailedAt == null && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedBy, _instance).SetProperty(m => m.LockedUntil, lockedUntil), cancellationToken);
        if (claimed != 1)
        {
            return SendOutcome.NotClaimed;
        }

        var row = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
        var attempts = row.Attempts + 1;
        try
        {
            var message = OutboxMimeMessage.Build(row, emailOptions.Value.From, serviceOptions.Value.PublicBaseUrl);
            await session.SendAsync(message, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Mine(id).ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedBy, (string?)null).SetProperty(m => m.LockedUntil, (DateTime?)null), CancellationToken.None);
            throw;
        }
        catch (Exception exception) when (IsPermanent(exception))
        {
            var failedAt = Now();
            var error = Describe(exception, row.ToAddress);
            await Mine(id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.FailedAt, failedAt)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.LockedBy, (string?)null)
                .SetProperty(m => m.LockedUntil, (DateTime?)null), CancellationToken.None);
            logger.LogWarning("Outbox message {OutboxId} failed permanently after {Attempts} attempt(s): {ErrorKind}", id, attempts, Kind(exception));
            return SendOutcome.FailedPermanently;
        }
        catch (Exception exception)
        {
            await RecordTransientFailureAsync(row.Id, row.CreatedAt, row.ToAddress, attempts, exception);
            return SendOutcome.WillRetry;
        }

        var sentAt = Now();
        await Mine(id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.SentAt, sentAt)
            .SetProperty(m => m.LastError, (string?)null)
            .SetProperty(m => m.LockedBy, (string?)null)
            .SetProperty(m => m.LockedUntil, (DateTime?)null), CancellationToken.None);
        logger.LogInformation("Outbox message {OutboxId} sent on attempt {Attempts}", id, attempts);
        return SendOutcome.Sent;
    }

    private async Task RecordTransientFailureAsync(long id, DateTime createdAt, string toAddress, int attempts, Exception exception)
    {
        var now = Now();
        var age = now - createdAt;
        var error = Describe(exception, toAddress);
        if (RetrySchedule.ShouldGiveUp(age))
        {
            await Mine(id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.FailedAt, now)
                .SetProperty(m => m.LastError, "Gave up after " + attempts + " attempts. " + error)
                .SetProperty(m => m.LockedBy, (string?)null)
                .SetProperty(m => m.LockedUntil, (DateTime?)null), CancellationToken.None);
            logger.LogWarning("Outbox message {OutboxId} given up after {Attempts} attempts: {ErrorKind}", id, attempts, Kind(exception));
            return;
        }

        var next = now + RetrySchedule.Delay(attempts, age);
        await Mine(id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.LastError, error)
            .SetProperty(m => m.LockedBy, (string?)null)
            .SetProperty(m => m.LockedUntil, (DateTime?)null), CancellationToken.None);
        logger.LogInformation("Outbox message {OutboxId} will be retried at {NextAttemptAt:o} (attempt {Attempts}): {ErrorKind}", id, next, attempts, Kind(exception));
    }

    private IQueryable<Domain.Email.OutboxMessage> Mine(long id) =>
        db.OutboxMessages.Where(m => m.Id == id && m.LockedBy == _instance);

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// An SMTP 5xx reply or a recipient that can never be valid: retrying will not help. Everything else (SMTP 4xx,
    /// connection refused, socket errors, timeouts, TLS or authentication trouble) is transient and retried.
    /// </summary>
    public static bool IsPermanent(Exception exception) => exception switch
    {
        SmtpCommandException command => (int)command.StatusCode >= 500,
        InvalidRecipientException => true,
        _ => false,
    };

    private static string Kind(Exception exception) => exception is SmtpCommandException command
        ? $"{exception.GetType().Name} {(int)command.StatusCode}"
        : exception.GetType().Name;

    /// <summary>The error for staff, with the recipient's address masked (servers often echo it).</summary>
    private static string Describe(Exception exception, string toAddress)
    {
        var text = Kind(exception) + ": " + exception.Message;
        if (!string.IsNullOrWhiteSpace(toAddress))
        {
            text = text.Replace(toAddress.Trim(), EmailAddressMask.Mask(toAddress.Trim()), StringComparison.OrdinalIgnoreCase);
        }

        return text.Length > 2000 ? text[..2000] : text;
    }
}
