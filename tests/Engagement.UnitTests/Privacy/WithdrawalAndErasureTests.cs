using Engagement.Domain.Events;
using Engagement.Domain.Feedback;
using Engagement.Domain.Privacy;
using Engagement.Infrastructure.Email;
using Engagement.Infrastructure.Privacy;

namespace Engagement.UnitTests.Privacy;

public sealed class WithdrawalAndErasureTests
{
    private static readonly DateTime At = new(2026, 12, 2, 10, 0, 0, DateTimeKind.Utc);

    private static FeedbackItem Item()
    {
        var item = FeedbackItem.Receive(
            new NewFeedback(SubmitterRole.CarerOrFamily, null, Engagement.Domain.Common.ServiceSection.HomeCare, "What I said", FeedbackChannel.OnlineForm, [2],
                ContactName: "A Person", ContactEmail: "a@example.org", ConsentToContact: true, ConsentToProgressUpdates: true, SubmissionKey: "key"),
            "YS-2026-000007", "hash", At, possibleSafeguarding: false);
        var entry = Engagement.Domain.Responses.ResponseEntry.Create("WD-2026-0003", "An entry", "a", At);
        Assert.True(item.LinkTo(entry, At).Succeeded);
        Assert.True(item.FlagAsComplaint("note", "a", At).Succeeded);
        Assert.True(item.AddNote("staff note", "a", At).Succeeded);
        return item;
    }

    [Fact]
    public void Stopping_progress_emails_keeps_the_contact_details()
    {
        var item = Item();
        Assert.True(item.StopProgressEmails().Succeeded);
        Assert.False(item.ConsentToProgressUpdates);
        Assert.True(item.ConsentToContact);
        Assert.Equal("a@example.org", item.ContactEmail);
    }

    [Fact]
    public void Removing_contact_details_removes_name_email_and_consent_and_records_when_once()
    {
        var item = Item();
        Assert.True(item.RemoveContactDetails(At).Succeeded);
        Assert.True(item.RemoveContactDetails(At.AddDays(1)).Succeeded);
        Assert.Null(item.ContactName);
        Assert.Null(item.ContactEmail);
        Assert.False(item.ConsentToContact);
        Assert.False(item.ConsentToProgressUpdates);
        Assert.Equal(At, item.ContactDetailsDeletedAt);
        Assert.Equal("What I said", item.Text);
    }

    [Fact]
    public void Erasing_leaves_a_stub_still_linked_to_its_entry()
    {
        var item = Item();
        Assert.True(item.EraseContent(At, underHold: false).Succeeded);
        Assert.Equal(FeedbackItem.ErasedText, item.Text);
        Assert.Null(item.ContactEmail);
        Assert.Null(item.FlagNote);
        Assert.Null(item.SubmissionKey);
        Assert.Empty(item.Notes);
        Assert.True(item.IsErased);
        Assert.Equal("WD-2026-0003", item.ResponseEntry!.Reference);
        Assert.Equal("YS-2026-000007", item.Reference);
        Assert.Single(item.Priorities);
    }

    [Fact]
    public void Erasing_is_refused_under_a_hold_and_changes_nothing()
    {
        var item = Item();
        Assert.False(item.EraseContent(At, underHold: true).Succeeded);
        Assert.Equal("What I said", item.Text);
        Assert.Equal("a@example.org", item.ContactEmail);
        Assert.False(item.IsErased);
    }

    [Fact]
    public void A_hold_is_released_once()
    {
        var hold = RetentionHold.Place(7, "staff", At);
        Assert.True(hold.IsActive);
        Assert.True(hold.Release("staff2", At.AddDays(1)).Succeeded);
        Assert.False(hold.IsActive);
        Assert.False(hold.Release("staff2", At.AddDays(2)).Succeeded);
        Assert.Equal("staff2", hold.ReleasedByUserId);
    }

    [Fact]
    public void A_booking_with_a_place_must_be_cancelled_before_its_details_are_removed()
    {
        var registration = new Registration
        {
            Id = 5,
            Name = "B Person",
            Email = "b@example.org",
            NormalisedEmail = "b@example.org",
            Organisation = "Org",
            AccessNeeds = "Step-free",
            Status = RegistrationStatus.Confirmed,
        };
        Assert.False(registration.RemovePersonalDetails(At).Succeeded);
        Assert.Equal("b@example.org", registration.Email);

        Assert.True(registration.Cancel(At).Succeeded);
        Assert.True(registration.RemovePersonalDetails(At).Succeeded);
        Assert.Equal("", registration.Name);
        Assert.Equal("", registration.Email);
        Assert.Equal("removed:5", registration.NormalisedEmail);
        Assert.Null(registration.Organisation);
        Assert.Null(registration.AccessNeeds);
        Assert.True(registration.RemindersStopped);
        Assert.Equal(At, registration.PersonalDetailsDeletedAt);
    }

    [Fact]
    public void The_policy_reads_a_period_below_one_as_one_and_words_whole_years_as_years()
    {
        var policy = new RetentionPolicy(new RetentionOptions { ContactDetailsMonths = 0, AuditMonths = 72 }, new EmailOptions());
        Assert.Equal(1, policy.ContactDetailsMonths);
        Assert.Contains(policy.Promises(), p => p.StartsWith("Contact details given with feedback are deleted 1 month after", StringComparison.Ordinal));
        Assert.Contains(policy.Promises(), p => p.Contains("kept for 6 years", StringComparison.Ordinal));
    }
}
