using Engagement.Domain.Common;
using Engagement.Domain.Events;

namespace Engagement.UnitTests.Events;

public sealed class EventRulesTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private static Event Make(EventAudience audience = EventAudience.Anyone, int capacity = 2, int confirmed = 0) => new()
    {
        Title = "Forum",
        Audience = audience,
        Capacity = capacity,
        ConfirmedCount = confirmed,
        StartsAt = Now.AddDays(10),
        EndsAt = Now.AddDays(10).AddHours(2),
        RegistrationOpensAt = Now.AddDays(-1),
        RegistrationClosesAt = Now.AddDays(9),
    };

    [Fact]
    public void Places_are_confirmed_until_capacity_then_waitlisted()
    {
        var ev = Make(capacity: 2);

        Assert.Equal(RegistrationStatus.Confirmed, ev.TakePlace());
        Assert.Equal(RegistrationStatus.Confirmed, ev.TakePlace());
        Assert.Equal(RegistrationStatus.Waitlisted, ev.TakePlace());
        Assert.Equal(RegistrationStatus.Waitlisted, ev.DecidePlace());
        Assert.Equal(2, ev.ConfirmedCount);
        Assert.Equal(0, ev.PlacesLeft);
    }

    [Fact]
    public void Promotion_takes_the_earliest_waitlisted_by_created_time_then_id()
    {
        var t = Now;
        var registrations = new List<Registration>
        {
            new() { Id = 5, Status = RegistrationStatus.Waitlisted, CreatedAt = t.AddMinutes(2) },
            new() { Id = 9, Status = RegistrationStatus.Waitlisted, CreatedAt = t.AddMinutes(1) },
            new() { Id = 3, Status = RegistrationStatus.Waitlisted, CreatedAt = t.AddMinutes(1) },
            new() { Id = 1, Status = RegistrationStatus.Confirmed, CreatedAt = t },
            new() { Id = 2, Status = RegistrationStatus.Cancelled, CreatedAt = t },
        };

        var next = WaitingList.NextToPromote(registrations);

        Assert.Equal(3, next!.Id);
        Assert.True(next.Promote(Now).Succeeded);
        Assert.Equal(RegistrationStatus.Confirmed, next.Status);
        Assert.Equal(9, WaitingList.NextToPromote(registrations)!.Id);
        Assert.False(next.Promote(Now).Succeeded);
    }

    [Fact]
    public void Nobody_to_promote_when_the_waiting_list_is_empty()
    {
        Assert.Null(WaitingList.NextToPromote([new Registration { Id = 1, Status = RegistrationStatus.Confirmed }]));
    }

    [Fact]
    public void Cancelling_a_confirmed_place_frees_it_and_a_waitlisted_one_does_not()
    {
        var confirmed = new Registration { Status = RegistrationStatus.Confirmed };
        var waitlisted = new Registration { Status = RegistrationStatus.Waitlisted };

        Assert.True(confirmed.Cancel(Now).Value);
        Assert.False(waitlisted.Cancel(Now).Value);
        Assert.Equal("This booking is already cancelled.", confirmed.Cancel(Now).Error);
    }

    [Theory]
    [InlineData(-2, "Booking opens on")]
    [InlineData(9.5, "Booking for this event has closed.")]
    [InlineData(11, "This event has already started")]
    public void Registration_is_refused_outside_the_window(double daysFromNow, string message)
    {
        var result = Make().CanRegister(Now.AddDays(daysFromNow), Registrant.Public);

        Assert.False(result.Succeeded);
        Assert.StartsWith(message, result.Error);
    }

    [Fact]
    public void Registration_is_open_inside_the_window_and_refused_when_cancelled()
    {
        var ev = Make();
        Assert.True(ev.CanRegister(Now, Registrant.Public).Succeeded);

        Assert.True(ev.Cancel(Now).Succeeded);
        Assert.Equal("This event has been cancelled.", ev.CanRegister(Now, Registrant.Public).Error);
    }

    [Fact]
    public void Care_home_forum_needs_an_approved_care_home_provider()
    {
        var ev = Make(EventAudience.CareHomeProviders);

        Assert.True(ev.CheckAudience(Registrant.Provider(ProviderType.CareHome, approved: true)).Succeeded);
        Assert.Contains("Sign in with your provider account", ev.CheckAudience(Registrant.Public).Error);
        Assert.Contains("not registered as a care home provider", ev.CheckAudience(Registrant.Provider(ProviderType.HomeCare, true)).Error);
        Assert.Contains("waiting to be approved", ev.CheckAudience(Registrant.Provider(ProviderType.CareHome, false)).Error);
    }

    [Fact]
    public void Home_care_forum_needs_an_approved_home_care_provider()
    {
        var ev = Make(EventAudience.HomeCareProviders);

        Assert.True(ev.CheckAudience(Registrant.Provider(ProviderType.HomeCare, approved: true)).Succeeded);
        Assert.Contains("not registered as a home care provider", ev.CheckAudience(Registrant.Provider(ProviderType.CareHome, true)).Error);
        Assert.False(ev.CheckAudience(Registrant.Public).Succeeded);
    }

    [Fact]
    public void An_organisation_that_also_gives_the_forums_kind_of_care_may_book_it()
    {
        var homeCare = Make(EventAudience.HomeCareProviders);
        var careHomeThatAlsoGivesHomeCare = Registrant.Provider(ProviderType.CareHome, true, ProviderTypeSet.ToMask([ProviderType.HomeCare]));

        Assert.True(homeCare.CheckAudience(careHomeThatAlsoGivesHomeCare).Succeeded);
        Assert.True(Make(EventAudience.CareHomeProviders).CheckAudience(careHomeThatAlsoGivesHomeCare).Succeeded);
        Assert.Contains("not registered as a home care provider",
            homeCare.CheckAudience(Registrant.Provider(ProviderType.CareHome, true, ProviderTypeSet.ToMask([ProviderType.ExtraCareHousing]))).Error);
        Assert.Contains("waiting to be approved", homeCare.CheckAudience(careHomeThatAlsoGivesHomeCare with { IsApproved = false }).Error);
    }

    [Fact]
    public void The_other_kinds_of_care_round_trip_through_their_bits_and_read_main_kind_first()
    {
        foreach (var type in Enum.GetValues<ProviderType>())
        {
            Assert.Equal([type], ProviderTypeSet.FromMask(ProviderTypeSet.ToMask([type])));
        }

        var all = Enum.GetValues<ProviderType>();
        Assert.Equal(all, ProviderTypeSet.FromMask(ProviderTypeSet.ToMask(all)));
        Assert.Equal(all.Length, all.Select(ProviderTypeSet.Bit).Distinct().Count());
        Assert.Equal("Home care, care home, extra care housing",
            ProviderTypeSet.Describe(ProviderType.HomeCare, ProviderTypeSet.ToMask([ProviderType.ExtraCareHousing, ProviderType.CareHome, ProviderType.HomeCare])));
        Assert.Equal("Care home", ProviderTypeSet.Describe(ProviderType.CareHome, 0));
        Assert.Equal("", ProviderTypeSet.Describe(null, 0));
    }

    [Fact]
    public void Anyone_may_book_a_workshop_and_nobody_an_invitation_only_event()
    {
        Assert.True(Make(EventAudience.Anyone).CheckAudience(Registrant.Public).Succeeded);
        Assert.True(Make(EventAudience.Anyone).CheckAudience(Registrant.Provider(ProviderType.CareHome, false)).Succeeded);
        Assert.Contains("invitation only", Make(EventAudience.InvitationOnly).CheckAudience(Registrant.Provider(ProviderType.CareHome, true)).Error);
    }

    [Fact]
    public void Capacity_cannot_drop_below_confirmed_places()
    {
        var ev = Make(capacity: 10, confirmed: 6);

        Assert.False(ev.ChangeCapacity(5).Succeeded);
        Assert.True(ev.ChangeCapacity(6).Succeeded);
        Assert.Equal(6, ev.Capacity);
    }

    [Fact]
    public void Quarterly_series_keeps_uk_wall_clock_time_across_clock_changes()
    {
        // Thursday 15 January 2026 10am GMT, the third Thursday; April and July are in BST, and 15 October is still BST
        // (clocks go back on 25 October).
        var result = Event.QuarterlySeries(new DateTime(2026, 1, 15, 10, 0, 0), new DateTime(2026, 1, 15, 12, 0, 0), UkTime.Zone);

        Assert.True(result.Succeeded);
        var dates = result.Value!;
        Assert.Equal(4, dates.Count);
        Assert.Equal(new DateTime(2026, 1, 15, 10, 0, 0), dates[0].StartsAt);
        Assert.Equal(new DateTime(2026, 4, 16, 9, 0, 0), dates[1].StartsAt);
        Assert.Equal(new DateTime(2026, 7, 16, 9, 0, 0), dates[2].StartsAt);
        Assert.Equal(new DateTime(2026, 10, 15, 9, 0, 0), dates[3].StartsAt);
        Assert.All(dates, d => Assert.Equal(TimeSpan.FromHours(2), d.EndsAt - d.StartsAt));
        Assert.All(dates, d => Assert.Equal(10, UkTime.FromUtc(d.StartsAt).Hour));
    }

    [Fact]
    public void Quarterly_series_from_summer_into_winter()
    {
        var dates = Event.QuarterlySeries(new DateTime(2026, 9, 1, 14, 0, 0), new DateTime(2026, 9, 1, 16, 0, 0), UkTime.Zone).Value!;

        // Tuesday 1 September 2026, the first Tuesday: then the first Tuesdays of December, March and June.
        Assert.Equal(new DateTime(2026, 9, 1, 13, 0, 0), dates[0].StartsAt);
        Assert.Equal(new DateTime(2026, 12, 1, 14, 0, 0), dates[1].StartsAt);
        Assert.Equal(new DateTime(2027, 3, 2, 14, 0, 0), dates[2].StartsAt);
        Assert.Equal(new DateTime(2027, 6, 1, 13, 0, 0), dates[3].StartsAt);
    }

    [Theory]
    [InlineData(2025, 1, 14, new[] { "2025-01-14", "2025-04-08", "2025-07-08", "2025-10-14" })] // second Tuesday
    [InlineData(2026, 1, 29, new[] { "2026-01-29", "2026-04-30", "2026-07-30", "2026-10-29" })] // fifth Thursday: the last
    [InlineData(2026, 11, 30, new[] { "2026-11-30", "2027-02-22", "2027-05-31", "2027-08-30" })] // fifth Monday: the last
    public void Quarterly_series_keeps_the_weekday_and_week_of_the_month_so_no_forum_falls_on_a_weekend(int year, int month, int day, string[] expected)
    {
        var first = new DateTime(year, month, day, 10, 0, 0);
        var dates = Event.QuarterlySeries(first, first.AddHours(2), UkTime.Zone).Value!;

        Assert.Equal(expected, dates.Select(d => UkTime.FromUtc(d.StartsAt).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(dates, d => Assert.Equal(first.DayOfWeek, UkTime.FromUtc(d.StartsAt).DayOfWeek));
    }

    [Fact]
    public void Quarterly_series_refuses_a_time_the_clocks_skip()
    {
        // Sunday 29 March 2026 01:30 does not exist in the UK (the clocks go forward at 1am).
        var result = Event.QuarterlySeries(new DateTime(2026, 3, 29, 1, 30, 0), new DateTime(2026, 3, 29, 3, 0, 0), UkTime.Zone);

        Assert.False(result.Succeeded);
        Assert.Contains("clocks go forward", result.Error);
    }

    [Fact]
    public void Reschedule_moves_the_times_and_checks_them()
    {
        var ev = Make();

        Assert.False(ev.Reschedule(Now.AddDays(12), Now.AddDays(11), Now).Succeeded);
        Assert.True(ev.Reschedule(Now.AddDays(12), Now.AddDays(12).AddHours(1), Now).Succeeded);
        Assert.Equal(Now.AddDays(12), ev.StartsAt);
    }

    [Fact]
    public void Uk_clock_text_follows_govuk_style()
    {
        Assert.Equal("10am", UkTime.Clock(new DateTime(2026, 1, 1, 10, 0, 0)));
        Assert.Equal("2:30pm", UkTime.Clock(new DateTime(2026, 1, 1, 14, 30, 0)));
        Assert.Equal("midday", UkTime.Clock(new DateTime(2026, 1, 1, 12, 0, 0)));
    }
}
