using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Web.Features.Consultations;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Engagement.UnitTests.Journeys;

/// <summary>The consultation journey is built from its questions: a step per page, then your details, then check.</summary>
public sealed class ConsultationJourneyTests
{
    private static readonly DateTime Now = new(2026, 6, 1, 9, 0, 0, DateTimeKind.Utc);

    private static Consultation TwoPages()
    {
        var c = Consultation.Create(new ConsultationDetails("Title", "Summary", null, null, ServiceSection.HomeCare, ConsultationAudience.Everyone, Now.AddDays(-1), Now.AddDays(7), [], []), Now).Value!;
        c.AddQuestion(new QuestionDetails(QuestionKind.OneChoice, "Role?", null, true, true, false, null, 1, ["A", "B"]), Now);
        c.AddQuestion(new QuestionDetails(QuestionKind.ShortText, "Town", null, false, false, false, null, 1, []), Now);
        c.AddQuestion(new QuestionDetails(QuestionKind.SeveralChoices, "Where?", null, true, false, true, null, 2, ["X", "Y"]), Now);
        // Ids as the database would give them, so each question has its own field name.
        var id = 1;
        foreach (var q in c.Questions)
        {
            typeof(ConsultationQuestion).GetProperty(nameof(ConsultationQuestion.Id))!.SetValue(q, id++);
            foreach (var o in q.Options)
            {
                typeof(QuestionOption).GetProperty(nameof(QuestionOption.Id))!.SetValue(o, 100 + id++);
            }
        }

        return c;
    }

    private static string Opt(ConsultationQuestion q, string label) => q.Options.Single(o => o.Label == label).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void One_step_per_page_then_details_then_check()
    {
        var journey = ConsultationJourney.For(TwoPages());
        Assert.Equal(["page-1", "page-2", "your-details", "check"], journey.Slugs);
        Assert.Equal("Page 1 of 2", journey.Title("page-1"));
    }

    [Fact]
    public void A_page_saves_only_its_own_questions_and_a_later_page_cannot_be_reached_first()
    {
        var c = TwoPages();
        var journey = ConsultationJourney.For(c);
        var draft = ConsultationDraft.Start(c.Id, Now);
        Assert.Equal("page-1", journey.Resolve(draft, "page-2"));

        var role = c.Questions[0];
        var where = c.Questions[2];
        var errors = new ModelStateDictionary();
        var answers = new ConsultationAnswersInput { Values = new() { [role.FieldName] = [Opt(role, "B")], [where.FieldName] = [Opt(where, "X")] } };
        Assert.True(journey.Submit(draft, "page-1", answers, c, errors));
        Assert.Equal([role.FieldName], draft.Values.Keys);
        Assert.Equal("page-2", journey.Next(draft, "page-1"));
        Assert.Equal("page-2", journey.Resolve(draft, "check"));
    }

    [Fact]
    public void Errors_are_keyed_by_the_questions_field_names_and_other_needs_its_text()
    {
        var c = TwoPages();
        var journey = ConsultationJourney.For(c);
        var draft = ConsultationDraft.Start(c.Id, Now);
        var errors = new ModelStateDictionary();
        Assert.False(journey.Submit(draft, "page-1", new ConsultationAnswersInput(), c, errors));
        Assert.Equal([c.Questions[0].FieldName], errors.Keys);

        var where = c.Questions[2];
        errors = new ModelStateDictionary();
        Assert.False(journey.Submit(draft, "page-2", new ConsultationAnswersInput { Values = new() { [where.FieldName] = ["other"] } }, c, errors));
        Assert.Equal([where.OtherFieldName], errors.Keys);
        Assert.DoesNotContain("page-2", draft.Answered);
    }

    [Fact]
    public void Details_need_an_address_only_for_the_emails_asked_for()
    {
        var c = TwoPages();
        var journey = ConsultationJourney.For(c);
        var draft = ConsultationDraft.Start(c.Id, Now);
        var errors = new ModelStateDictionary();
        Assert.True(journey.Submit(draft, "your-details", new ConsultationAnswersInput(), c, errors));
        Assert.Null(draft.Email);
        Assert.False(journey.Submit(draft, "your-details", new ConsultationAnswersInput { WantsOutcome = true }, c, errors));
        Assert.False(journey.Submit(draft, "your-details", new ConsultationAnswersInput { Email = "not an email", WantsOutcome = true }, c, errors));
        Assert.True(journey.Submit(draft, "your-details", new ConsultationAnswersInput { Email = " a@example.org ", WantsOutcome = true }, c, errors));
        Assert.Equal("a@example.org", draft.Email);
        Assert.True(draft.WantsOutcome);
        Assert.False(draft.WantsAcknowledgement);
    }
}
