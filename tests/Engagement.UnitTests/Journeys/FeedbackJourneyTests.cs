using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Web.Features.Feedback;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using static Engagement.Web.Features.Feedback.FeedbackJourney;

namespace Engagement.UnitTests.Journeys;

/// <summary>The journey engine and the feedback journey's table of steps, without HTTP.</summary>
public sealed class FeedbackJourneyTests
{
    private static readonly FeedbackContext Choices = new(
        [new PriorityChoice(3, ServiceSection.HomeCare, "Home care"), new PriorityChoice(10, ServiceSection.ExtraCareHousing, "Extra care")],
        [new EventChoice(7, "Workshop", new DateTime(2026, 11, 1, 10, 0, 0, DateTimeKind.Utc), Engagement.Domain.Events.EventKind.CoProductionWorkshop)]);

    private static FeedbackDraft Draft() => FeedbackDraft.Start(new DateTime(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc));

    private static bool Answer(FeedbackDraft draft, string step, FeedbackAnswers answers, out ModelStateDictionary errors)
    {
        errors = new ModelStateDictionary();
        return Steps.Submit(draft, step, answers, Choices, errors);
    }

    private static FeedbackDraft Answered(SubmitterRole role = SubmitterRole.CarerOrFamily)
    {
        var draft = Draft();
        Assert.True(Answer(draft, Who, new() { Role = role }, out _));
        if (role == SubmitterRole.CareProvider)
        {
            Assert.True(Answer(draft, ProviderTypeStep, new() { ProviderType = ProviderType.HomeCare }, out _));
        }

        Assert.True(Answer(draft, About, new() { Section = ServiceSection.HomeCare }, out _));
        Assert.True(Answer(draft, TellUs, new() { Text = "Late visits\r\non Sundays" }, out _));
        Assert.True(Answer(draft, PrioritiesStep, new() { PrioritiesNotSure = true }, out _));
        Assert.True(Answer(draft, Contact, new(), out _));
        return draft;
    }

    [Fact]
    public void Only_a_care_provider_is_asked_what_kind_of_care_they_provide()
    {
        var resident = Draft();
        Answer(resident, Who, new() { Role = SubmitterRole.PersonDrawingOnCare }, out _);
        var provider = Draft();
        Answer(provider, Who, new() { Role = SubmitterRole.CareProvider }, out _);

        Assert.Equal(About, Steps.Next(resident, Who));
        Assert.Equal(ProviderTypeStep, Steps.Next(provider, Who));
        Assert.Equal(About, Steps.Resolve(resident, ProviderTypeStep));
        Assert.Equal(Who, Steps.Previous(resident, About));
        Assert.Equal(ProviderTypeStep, Steps.Previous(provider, About));
    }

    [Fact]
    public void A_step_cannot_be_reached_before_the_questions_before_it_are_answered()
    {
        var draft = Draft();
        Assert.Equal(Who, Steps.Resolve(draft, Contact));
        Assert.Equal(Who, Steps.Resolve(draft, Check));
        Assert.False(draft.ReachedCheck);

        Answer(draft, Who, new() { Role = SubmitterRole.CarerOrFamily }, out _);
        Assert.Equal(Who, Steps.Resolve(draft, Who));
        Assert.Equal(About, Steps.Resolve(draft, About));
        Assert.Equal(About, Steps.Resolve(draft, TellUs));
        Assert.Equal(About, Steps.Resolve(draft, "no-such-step"));
    }

    [Fact]
    public void Each_step_refuses_a_bad_answer_with_its_message_and_saves_nothing()
    {
        var draft = Draft();
        Assert.False(Answer(draft, Who, new() { Role = (SubmitterRole)42 }, out var errors));
        Assert.Equal("Select who you are", Assert.Single(errors["Input.Role"]!.Errors).ErrorMessage);
        Assert.Null(draft.Role);
        Assert.DoesNotContain(Who, draft.Answered);

        Assert.False(Answer(draft, TellUs, new() { Text = new string('x', FeedbackLimits.TextMaxLength + 1) }, out errors));
        Assert.Contains("5,000", errors["Input.Text"]!.Errors[0].ErrorMessage, StringComparison.Ordinal);

        Assert.False(Answer(draft, PrioritiesStep, new() { Priorities = [3], PrioritiesNotSure = true }, out errors));
        Assert.False(Answer(draft, PrioritiesStep, new() { Priorities = [99] }, out errors));
        Assert.Equal("Select priorities from the list", errors["Input.Priorities"]!.Errors[0].ErrorMessage);
        Assert.False(Answer(draft, PrioritiesStep, new() { EventId = 8 }, out errors));
        Assert.Equal("Select an event from the list", errors["Input.EventId"]!.Errors[0].ErrorMessage);

        Assert.False(Answer(draft, Contact, new() { ConsentToProgressUpdates = true }, out errors));
        Assert.NotNull(errors["Input.ContactEmail"]);
        Assert.Empty(draft.Answered);
    }

    [Fact]
    public void Binding_errors_give_way_to_the_steps_own_message()
    {
        var draft = Draft();
        var errors = new ModelStateDictionary();
        errors.AddModelError("Input.Role", "The value 'nonsense' is not valid.");

        Assert.False(Steps.Submit(draft, Who, new FeedbackAnswers(), Choices, errors));
        Assert.Equal(["Select who you are"], errors["Input.Role"]!.Errors.Select(e => e.ErrorMessage));
    }

    [Fact]
    public void Answers_are_saved_normalised_and_contact_consent_needs_an_email()
    {
        var draft = Answered();
        Assert.Equal("Late visits\non Sundays", draft.Text);
        Assert.True(draft.PrioritiesNotSure);
        Assert.Null(Steps.FirstUnanswered(draft));
        Assert.Equal(Check, Steps.Resolve(draft, Check));
        Assert.True(draft.ReachedCheck);

        Assert.True(Answer(draft, Contact, new() { ContactName = "  Sam ", ContactEmail = " sam@example.org ", ConsentToProgressUpdates = true }, out _));
        Assert.Equal(("Sam", "sam@example.org", true, false), (draft.ContactName, draft.ContactEmail, draft.ConsentToProgressUpdates, draft.ConsentToContact));
        Assert.True(Answer(draft, Contact, new() { ContactName = "Sam" }, out _));
        Assert.Null(draft.ContactName);
    }

    [Fact]
    public void After_check_answers_a_change_returns_there_unless_it_makes_a_new_question_apply()
    {
        var draft = Answered();
        Steps.Resolve(draft, Check);

        Answer(draft, TellUs, new() { Text = "Changed" }, out _);
        Assert.Equal(Check, Steps.Next(draft, TellUs));

        Answer(draft, Who, new() { Role = SubmitterRole.CareProvider }, out _);
        Assert.Equal(ProviderTypeStep, Steps.Next(draft, Who));
        Assert.Equal(ProviderTypeStep, Steps.Resolve(draft, Check));
        Answer(draft, ProviderTypeStep, new() { ProviderType = ProviderType.CareHome }, out _);
        Assert.Equal(Check, Steps.Next(draft, ProviderTypeStep));

        // Changing away from provider forgets the provider type, and changing back asks for it again.
        Answer(draft, Who, new() { Role = SubmitterRole.Professional }, out _);
        Assert.Null(draft.ProviderType);
        Assert.Equal(Check, Steps.Next(draft, Who));
        Answer(draft, Who, new() { Role = SubmitterRole.CareProvider }, out _);
        Assert.Equal(ProviderTypeStep, Steps.Next(draft, Who));
    }

    [Fact]
    public void Every_step_has_its_own_address_and_title()
    {
        var draft = Draft();
        Assert.Equal(["who", "provider-type", "about", "tell-us", "priorities", "contact", "check"], Steps.Slugs);
        Assert.All(Steps.Slugs, slug => Assert.Equal($"/feedback/{slug}", Steps.Url(draft, slug)));
        Assert.Equal("Check your answers before sending your feedback", Steps.Title(Check));
        Assert.Equal(Steps.Slugs.Count(), Steps.Slugs.Select(Steps.Title).Distinct().Count());
    }

    [Fact]
    public void A_sent_draft_keeps_only_what_shows_the_same_confirmation()
    {
        var draft = Answered();
        var sent = draft.Sent("YS-2026-000001");
        Assert.Equal((draft.SubmissionKey, draft.TrackingToken, "YS-2026-000001"), (sent.SubmissionKey, sent.TrackingToken, sent.SentReference));
        Assert.Null(sent.Text);
        Assert.Null(sent.Role);
        Assert.Empty(sent.Answered);
    }
}
