namespace Engagement.Infrastructure.Email;

/// <summary>
/// When to try again after a transient failure. During the first hour after a message was queued the wait never
/// exceeds two minutes (15 s, 30 s, 60 s, 120 s, 120 s...), so a short SMTP outage delays mail by minutes, not hours.
/// After that the wait grows (15 min, 30 min, then hourly), and after <see cref="GiveUpAfter"/> the message is marked failed.
/// </summary>
public static class RetrySchedule
{
    public static readonly TimeSpan FastPhase = TimeSpan.FromHours(1);
    public static readonly TimeSpan FastCap = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan SlowCap = TimeSpan.FromHours(1);
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(3);

    /// <param name="attempts">Attempts made so far, including the one that just failed (1 or more).</param>
    /// <param name="age">Time since the message was queued.</param>
    public static TimeSpan Delay(int attempts, TimeSpan age)
    {
        if (age < FastPhase)
        {
            var exponent = Math.Clamp(attempts - 1, 0, 4);
            var delay = TimeSpan.FromSeconds(15 * (1 << exponent));
            return delay < FastCap ? delay : FastCap;
        }

        var hoursInSlowPhase = (int)Math.Clamp((age - FastPhase).TotalHours, 0, 8);
        var slow = TimeSpan.FromMinutes(15 * (1 << hoursInSlowPhase));
        return slow < SlowCap ? slow : SlowCap;
    }

    public static bool ShouldGiveUp(TimeSpan age) => age >= GiveUpAfter;
}
