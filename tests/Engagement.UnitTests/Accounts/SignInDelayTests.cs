using Engagement.Domain.Accounts;

namespace Engagement.UnitTests.Accounts;

public sealed class SignInDelayTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(4, 0)]
    [InlineData(5, 1)]
    [InlineData(6, 2)]
    [InlineData(7, 4)]
    [InlineData(10, 32)]
    [InlineData(11, 60)]
    [InlineData(500, 60)]
    public void The_wait_per_account_doubles_after_five_failures_up_to_an_hour(int failures, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), SignInDelay.After(failures, SignInDelay.FreeAttemptsPerAccount));

    [Fact]
    public void An_address_has_twenty_free_attempts()
    {
        Assert.Equal(TimeSpan.Zero, SignInDelay.After(19, SignInDelay.FreeAttemptsPerAddress));
        Assert.Equal(TimeSpan.FromMinutes(1), SignInDelay.After(20, SignInDelay.FreeAttemptsPerAddress));
    }

    [Fact]
    public void What_is_left_of_a_wait_shrinks_and_failures_a_day_old_are_forgotten()
    {
        var last = new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal(TimeSpan.FromSeconds(40), SignInDelay.Remaining(6, last, 5, last.AddSeconds(80)));
        Assert.Equal(TimeSpan.Zero, SignInDelay.Remaining(6, last, 5, last.AddMinutes(2)));
        Assert.Equal(TimeSpan.Zero, SignInDelay.Remaining(500, last, 5, last.AddHours(24)));
        Assert.Equal(TimeSpan.FromMinutes(60), SignInDelay.Remaining(500, last, 5, last));
    }
}

public sealed class AdministratorCoverTests
{
    [Theory]
    [InlineData(true, 1, false)]
    [InlineData(true, 2, true)]
    [InlineData(false, 1, true)]
    [InlineData(false, 0, true)]
    public void The_last_enabled_administrator_cannot_stop_being_one(bool isEnabledAdministrator, int enabledAdministrators, bool allowed)
    {
        var result = AdministratorCover.MayStopBeingAdministrator(isEnabledAdministrator, enabledAdministrators);
        Assert.Equal(allowed, result.Succeeded);
        if (!allowed)
        {
            Assert.Equal(AdministratorCover.LastAdministratorMessage, result.Error);
        }
    }
}
