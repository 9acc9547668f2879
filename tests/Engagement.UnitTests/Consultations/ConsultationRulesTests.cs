using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Domain.Events;
using Engagement.Domain.Feedback;

namespace Engagement.UnitTests.Consultations;

/// <summary>The consultation's own rules, with no database: questions before and after answers, publishing, dates, audiences, answers.</summary>
public sealed class ConsultationRulesTests
{
    private static readonly DateTime Now = new(2027, 5, 12, 10, 0, 0, DateTimeKind.Utc);

    private static ConsultationDetails Details(DateTime? opensAt = null, DateTime? closesAt = null, ConsultationAudience audience = ConsultationAudience.Everyone) =>
        new("Extra care housing", "How people are told.", "", "", ServiceSection.ExtraCareHousing, audience, opensAt ?? Now.AddDays(-1), closesAt ?? Now.AddDays(30), [10], []);

    private static QuestionDetails Question(QuestionKind kind, string text = "Do you agree?", int? page = null, bool required = false, bool allowOther = false, bool aboutYou = false, params string[] options) =>
        new(kind, text, null, required, aboutYou, allowOther, null, page, options);

    /// <summary>Ids as the database would give them (the rules find questions and options by id).</summary>
    private static void GiveIds(Consultation consultation)
    {
        var next = 1;
        foreach (var question in consultation.Questions)
        {
            if (question.Id == 0)
            {
                typeof(ConsultationQuestion).GetProperty(nameof(ConsultationQuestion.Id))!.SetValue(question, next * 100);
            }

            next++;
            var option = 1;
            foreach (var o in question.Options.Where(o => o.Id == 0))
            {
                typeof(QuestionOption).GetProperty(nameof(QuestionOption.Id))!.SetValue(o, question.Id + option++);
            }
        }
    }

    private static Consultation WithQuestions(params QuestionDetails[] questions)
    {
        var consultation = Consultation.Create(Details(), Now.AddDays(-2)).Value!;
        foreach (var q in questions)
        {
            Assert.True(consultation.AddQuestion(q, Now.AddDays(-2)).Succeeded);
        }

        GiveIds(consultation);
        return consultation;
    }

    private static Consultation Published(params QuestionDetails[] questions)
    {
        var consultation = WithQuestions(questions.Length == 0 ? [Question(QuestionKind.OneChoice, options: ["Yes", "No"])] : questions);
        Assert.True(consultation.Publish(Now.AddDays(-1)).Succeeded);
        return consultation;
    }

    [Fact]
    public void Creating_needs_a_title_summary_section_audience_and_closing_after_opening()
    {
        var result = Consultation.Create(new ConsultationDetails(" ", null, null, null, null, null, Now, Now.AddHours(-1), [], []), Now);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Equal(
            [nameof(ConsultationDetails.Title), nameof(ConsultationDetails.Summary), nameof(ConsultationDetails.Section), nameof(ConsultationDetails.Audience), nameof(ConsultationDetails.ClosesAt)],
            result.Errors.Select(e => e.Property));
        Assert.Contains(result.Errors, e => e.Message == "The closing date must be after the opening date");
    }

    [Fact]
    public void Publishing_needs_a_question_and_a_closing_date_in_the_future_and_happens_once()
    {
        var empty = Consultation.Create(Details(), Now).Value!;
        Assert.Equal("Add at least one question before publishing", empty.Publish(Now).Error);

        var past = Consultation.Create(Details(Now.AddDays(-10), Now.AddDays(-1)), Now).Value!;
        past.AddQuestion(Question(QuestionKind.ShortText), Now);
        Assert.Equal(nameof(ConsultationDetails.ClosesAt), past.Publish(Now).Field);
        Assert.Equal(ConsultationPhase.Draft, past.PhaseAt(Now));

        var ready = WithQuestions(Question(QuestionKind.ShortText));
        Assert.True(ready.Publish(Now).Succeeded);
        Assert.Equal(ConsultationPhase.Open, ready.PhaseAt(Now));
        Assert.Equal("The consultation is already published", ready.Publish(Now).Error);

        var upcoming = Consultation.Create(Details(Now.AddDays(2), Now.AddDays(9)), Now).Value!;
        upcoming.AddQuestion(Question(QuestionKind.ShortText), Now);
        upcoming.Publish(Now);
        Assert.Equal(ConsultationPhase.Upcoming, upcoming.PhaseAt(Now));
        Assert.Equal(ConsultationPhase.Closed, upcoming.PhaseAt(Now.AddDays(9)));
    }

    [Fact]
    public void Questions_go_on_an_existing_page_or_the_next_new_one_and_about_you_questions_are_one_choice()
    {
        var consultation = WithQuestions(Question(QuestionKind.ShortText));

        Assert.Equal(nameof(QuestionDetails.PageNumber), consultation.AddQuestion(Question(QuestionKind.ShortText, page: 3), Now).Field);
        Assert.True(consultation.AddQuestion(Question(QuestionKind.ShortText, page: 2), Now).Succeeded);
        Assert.Equal([1, 2], consultation.Pages);
        Assert.Equal(nameof(QuestionDetails.AboutYou), consultation.AddQuestion(Question(QuestionKind.SeveralChoices, aboutYou: true, options: ["A", "B"]), Now).Field);
        Assert.Equal(nameof(QuestionDetails.Options), consultation.AddQuestion(Question(QuestionKind.RatingScale, options: ["Bad", "Good"]), Now).Field);
        Assert.Equal(nameof(QuestionDetails.Options), consultation.AddQuestion(Question(QuestionKind.OneChoice, options: ["Yes", "yes"]), Now).Field);
        Assert.True(consultation.AddQuestion(Question(QuestionKind.OneChoice, aboutYou: true, options: ["Resident", "Carer", "Provider"]), Now).Succeeded);
        Assert.Equal(3, consultation.Questions.Count);
    }

    [Fact]
    public void Before_anyone_answers_anything_about_a_question_can_change()
    {
        var consultation = WithQuestions(Question(QuestionKind.OneChoice, options: ["Yes", "No"]));
        var id = consultation.Questions[0].Id;

        var edited = consultation.EditQuestion(id, Question(QuestionKind.SeveralChoices, "Which?", required: true, allowOther: true, options: ["A", "B", "C"]), answered: false, Now);

        Assert.True(edited.Succeeded);
        var question = consultation.Find(id)!;
        Assert.Equal(QuestionKind.SeveralChoices, question.Kind);
        Assert.True(question.IsRequired);
        Assert.True(question.AllowOther);
        Assert.Equal(["A", "B", "C"], question.Options.Select(o => o.Label));
    }

    [Fact]
    public void After_answers_only_the_wording_changes_and_each_choice_keeps_its_identity()
    {
        var consultation = Published(Question(QuestionKind.OneChoice, required: true, options: ["Yes", "No"]));
        var question = consultation.Questions[0];
        var optionIds = question.Options.Select(o => o.Id).ToList();
        var version = consultation.Version;

        Assert.Equal("People have answered: only the wording can change now, so their answers keep their meaning",
            consultation.EditQuestion(question.Id, Question(QuestionKind.SeveralChoices, required: true, options: ["Yes", "No"]), answered: true, Now).Error);
        Assert.False(consultation.EditQuestion(question.Id, Question(QuestionKind.OneChoice, required: false, options: ["Yes", "No"]), answered: true, Now).Succeeded);
        Assert.False(consultation.EditQuestion(question.Id, Question(QuestionKind.OneChoice, required: true, allowOther: true, options: ["Yes", "No"]), answered: true, Now).Succeeded);
        Assert.Equal(nameof(QuestionDetails.Options), consultation.EditQuestion(question.Id, Question(QuestionKind.OneChoice, required: true, options: ["Yes", "No", "Maybe"]), answered: true, Now).Field);
        Assert.Equal(nameof(QuestionDetails.Options), consultation.EditQuestion(question.Id, Question(QuestionKind.OneChoice, required: true, options: ["Yes"]), answered: true, Now).Field);
        Assert.Equal(version, consultation.Version);
        Assert.Equal(["Yes", "No"], question.Options.Select(o => o.Label));

        Assert.True(consultation.EditQuestion(question.Id, Question(QuestionKind.OneChoice, "Do you agree with the plan?", required: true, options: ["Yes, I agree", "No, I do not"]), answered: true, Now).Succeeded);
        Assert.Equal("Do you agree with the plan?", question.Text);
        Assert.Equal(["Yes, I agree", "No, I do not"], question.Options.Select(o => o.Label));
        Assert.Equal(optionIds, question.Options.Select(o => o.Id));
        Assert.NotEqual(version, consultation.Version);
    }

    [Fact]
    public void A_question_cannot_be_removed_once_answered_and_removing_one_before_closes_the_gap_in_pages()
    {
        var consultation = WithQuestions(Question(QuestionKind.ShortText, "First"), Question(QuestionKind.ShortText, "Second", page: 2), Question(QuestionKind.ShortText, "Third", page: 3));
        var first = consultation.Questions[0].Id;

        Assert.Equal("People have answered: a question cannot be removed now, so their answers keep their meaning", consultation.RemoveQuestion(first, answered: true, Now).Error);
        Assert.Equal(3, consultation.Questions.Count);
        Assert.Equal(ResultKind.NotFound, consultation.RemoveQuestion(999999, answered: false, Now).Kind);

        Assert.True(consultation.RemoveQuestion(first, answered: false, Now).Succeeded);
        Assert.Equal([1, 2], consultation.Pages);
        Assert.Equal(["Second", "Third"], consultation.Ordered.Select(q => q.Text));
    }

    [Fact]
    public void Questions_move_up_and_down_one_place_within_their_page()
    {
        var consultation = WithQuestions(Question(QuestionKind.ShortText, "A"), Question(QuestionKind.ShortText, "B"), Question(QuestionKind.ShortText, "C"));
        var a = consultation.Questions[0].Id;
        var c = consultation.Questions[2].Id;

        Assert.Equal("The question is already first on its page", consultation.MoveQuestion(a, -1, Now).Error);
        Assert.Equal("The question is already last on its page", consultation.MoveQuestion(c, 1, Now).Error);
        Assert.True(consultation.MoveQuestion(c, -1, Now).Succeeded);
        Assert.True(consultation.MoveQuestion(a, 1, Now).Succeeded);

        Assert.Equal(["C", "A", "B"], consultation.Ordered.Select(q => q.Text));
        Assert.Equal([1, 2, 3], consultation.Ordered.Select(q => q.Position));
    }

    [Fact]
    public void Closing_early_needs_an_open_consultation_and_a_reason_and_is_recorded_publicly()
    {
        var draft = WithQuestions(Question(QuestionKind.ShortText));
        Assert.Equal("Only an open consultation can be closed early", draft.CloseEarly("Why", "u1", Now).Error);

        var consultation = Published();
        var closesAt = consultation.ClosesAt;
        Assert.Equal("Reason", consultation.CloseEarly("  ", "u1", Now).Field);
        Assert.Equal("Reason", consultation.CloseEarly(new string('x', ConsultationLimits.ReasonMaxLength + 1), "u1", Now).Field);

        Assert.True(consultation.CloseEarly(" We have heard enough. ", "u1", Now).Succeeded);
        Assert.Equal(ConsultationPhase.Closed, consultation.PhaseAt(Now));
        var change = Assert.Single(consultation.DateChanges);
        Assert.Equal((closesAt, Now, "We have heard enough.", "u1", false), (change.FromClosesAt, change.ToClosesAt, change.Reason, change.ChangedByUserId, change.IsExtension));
        Assert.Equal("Only an open consultation can be closed early", consultation.CloseEarly("Again", "u1", Now.AddMinutes(1)).Error);
    }

    [Fact]
    public void Extending_moves_the_closing_date_later_reopens_a_closed_one_and_stops_once_the_outcome_is_published()
    {
        var draft = WithQuestions(Question(QuestionKind.ShortText));
        Assert.Equal("Change a draft's dates on its details page", draft.Extend(Now.AddDays(60), "More time", "u1", Now).Error);

        var consultation = Published();
        Assert.Equal("ClosesAt", consultation.Extend(consultation.ClosesAt.AddDays(-1), "More time", "u1", Now).Field);
        Assert.Equal("ClosesAt", consultation.Extend(null, "More time", "u1", Now).Field);
        Assert.Equal("Reason", consultation.Extend(consultation.ClosesAt.AddDays(7), "", "u1", Now).Field);

        consultation.CloseEarly("Paused", "u1", Now);
        Assert.True(consultation.Extend(Now.AddDays(14), "More time for paper answers", "u1", Now.AddHours(1)).Succeeded);
        Assert.Equal(ConsultationPhase.Open, consultation.PhaseAt(Now.AddHours(2)));
        Assert.Equal(2, consultation.DateChanges.Count);
        Assert.True(consultation.DateChanges[1].IsExtension);

        var after = Now.AddDays(15);
        Assert.True(consultation.PublishOutcome("What we asked", "What people said", "What we did", 7, after).Succeeded);
        Assert.Equal("The outcome is published: the consultation cannot reopen", consultation.Extend(after.AddDays(10), "Reopen", "u1", after).Error);
        Assert.Equal("The outcome is published: the questions can no longer change", consultation.AddQuestion(Question(QuestionKind.ShortText), after).Error);
    }

    [Fact]
    public void Once_published_the_dates_move_only_by_closing_early_or_extending_and_the_audience_is_fixed_once_answered()
    {
        var consultation = Published();
        var same = Details(consultation.OpensAt, consultation.ClosesAt);

        Assert.Equal(nameof(ConsultationDetails.ClosesAt), consultation.Edit(same with { ClosesAt = consultation.ClosesAt.AddDays(1) }, answered: false, Now).Field);
        Assert.Equal(nameof(ConsultationDetails.Audience), consultation.Edit(same with { Audience = ConsultationAudience.Providers }, answered: true, Now).Field);
        Assert.True(consultation.Edit(same with { Audience = ConsultationAudience.Providers }, answered: false, Now).Succeeded);
        Assert.True(consultation.Edit(same with { Title = "A better title", Audience = ConsultationAudience.Providers }, answered: true, Now).Succeeded);
        Assert.Equal("A better title", consultation.Title);
    }

    [Theory]
    [InlineData(ConsultationAudience.Everyone, true, true, true)]
    [InlineData(ConsultationAudience.PeopleWhoDrawOnCareAndCarers, true, true, true)]
    [InlineData(ConsultationAudience.Providers, false, true, true)]
    [InlineData(ConsultationAudience.CareHomeProviders, false, true, false)]
    [InlineData(ConsultationAudience.HomeCareProviders, false, false, true)]
    [InlineData(ConsultationAudience.InvitationOnly, false, false, false)]
    public void Audience_rules_decide_who_may_answer(ConsultationAudience audience, bool publicMay, bool careHomeMay, bool homeCareMay)
    {
        var consultation = Consultation.Create(Details(audience: audience), Now).Value!;

        Assert.Equal(publicMay, consultation.CheckAudience(Registrant.Public).Succeeded);
        Assert.Equal(careHomeMay, consultation.CheckAudience(Registrant.Provider(ProviderType.CareHome, approved: true)).Succeeded);
        Assert.Equal(homeCareMay, consultation.CheckAudience(Registrant.Provider(ProviderType.HomeCare, approved: true)).Succeeded);
        if (audience == ConsultationAudience.CareHomeProviders)
        {
            Assert.Equal("This consultation is for care home providers only. Your organisation is registered as a home care provider.",
                consultation.CheckAudience(Registrant.Provider(ProviderType.HomeCare, approved: true)).Error);
            Assert.Contains("waiting for approval", consultation.CheckAudience(Registrant.Provider(ProviderType.CareHome, approved: false)).Error);
            Assert.True(consultation.CheckAudience(Registrant.Provider(ProviderType.HomeCare, true, ProviderTypeSet.ToMask([ProviderType.CareHome]))).Succeeded);
            Assert.Equal("This consultation is for care home providers only. Your organisation is registered as a home care, extra care housing provider.",
                consultation.CheckAudience(Registrant.Provider(ProviderType.HomeCare, true, ProviderTypeSet.ToMask([ProviderType.ExtraCareHousing]))).Error);
        }
    }

    [Fact]
    public void Text_answers_are_checked_for_being_given_when_required_and_for_length()
    {
        var consultation = WithQuestions(
            Question(QuestionKind.ShortText, "Where do you live?", required: true),
            new QuestionDetails(QuestionKind.LongText, "Anything else?", null, false, false, false, 20, null, []));
        var required = consultation.Questions[0];
        var limited = consultation.Questions[1];

        Assert.Equal(("Enter your answer to \"Where do you live\"", required.FieldName), (required.CheckAnswer([" "], null).Error, required.CheckAnswer([" "], null).Field));
        Assert.True(required.CheckAnswer(["Bath"], null).Succeeded);
        Assert.Equal("Your answer must be 200 characters or fewer", required.CheckAnswer([new string('a', 201)], null).Error);
        Assert.True(limited.CheckAnswer([], null).Succeeded);
        Assert.Equal("Your answer must be 20 characters or fewer", limited.CheckAnswer([new string('a', 21)], null).Error);
    }

    [Fact]
    public void Choice_answers_must_be_offered_choices_one_for_one_choice_and_other_needs_its_text()
    {
        var consultation = WithQuestions(
            Question(QuestionKind.OneChoice, "Do you agree?", required: true, options: ["Yes", "No"]),
            Question(QuestionKind.SeveralChoices, "How did you hear?", allowOther: true, options: ["Leaflet", "Friend"]));
        var one = consultation.Questions[0];
        var several = consultation.Questions[1];
        string Option(ConsultationQuestion q, int i) => q.Options[i].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal("Select an answer to \"Do you agree\"", one.CheckAnswer([], null).Error);
        Assert.Equal("Select one of the choices given", one.CheckAnswer([Option(one, 0), Option(one, 1)], null).Error);
        Assert.Equal("Select one of the choices given", one.CheckAnswer(["999999"], null).Error);
        Assert.Equal("Select one of the choices given", one.CheckAnswer(["other"], "Something").Error);
        Assert.True(one.CheckAnswer([Option(one, 1)], null).Succeeded);

        Assert.True(several.CheckAnswer([], null).Succeeded);
        Assert.True(several.CheckAnswer([Option(several, 0), Option(several, 1)], null).Succeeded);
        Assert.Equal(("Enter what \"Other\" means for you", several.OtherFieldName), (several.CheckAnswer(["other"], " ").Error, several.CheckAnswer(["other"], " ").Field));
        Assert.True(several.CheckAnswer([Option(several, 0), "other"], "The radio").Succeeded);
        Assert.Equal("Select from the choices given", several.CheckAnswer([Option(one, 0)], null).Error);
    }

    [Fact]
    public void Only_a_late_or_too_quick_response_can_be_left_out_and_a_safeguarding_flag_never_changes()
    {
        var onTime = ConsultationResponse.Receive(1, "CR-2027-0001", "h1", "k1", ResponseChannel.Paper, [], null, true, true, late: false, sentTooQuickly: false, false, "u1", null, Now);
        var late = ConsultationResponse.Receive(1, "CR-2027-0002", "h2", "k2", ResponseChannel.Phone, [], "a@example.org", true, false, late: true, sentTooQuickly: false, false, "u1", null, Now);
        var quick = ConsultationResponse.Receive(1, "CR-2027-0003", "h3", "k3", ResponseChannel.Online, [], null, false, false, late: false, sentTooQuickly: true, false, null, null, Now);

        Assert.False(onTime.WantsAcknowledgement);
        Assert.True(onTime.IncludeInAnalysis);
        Assert.False(onTime.IsHeldBack);
        Assert.Equal("Only a late response or one sent too quickly can be left out of the figures", onTime.CountInAnalysis(false).Error);
        Assert.False(late.IncludeInAnalysis);
        Assert.True(late.CountInAnalysis(true).Succeeded);
        Assert.True(late.IncludeInAnalysis);
        Assert.True((quick.IsHeldBack, quick.IncludeInAnalysis) == (true, false));
        Assert.True(quick.CountInAnalysis(true).Succeeded);
        Assert.True(quick.IncludeInAnalysis);

        Assert.Equal("Flag", onTime.FlagAs(ResponseFlag.None, "u1", Now).Field);
        Assert.True(onTime.FlagAs(ResponseFlag.Complaint, "u1", Now).Succeeded);
        Assert.Equal("The response already has that flag", onTime.FlagAs(ResponseFlag.Complaint, "u1", Now).Error);
        Assert.True(onTime.FlagAs(ResponseFlag.SafeguardingConcern, "u2", Now).Succeeded);
        Assert.Equal(("u2", Now), (onTime.FlaggedByUserId, onTime.FlaggedAt));
        Assert.Equal("This response is flagged as a safeguarding concern; that flag cannot change", onTime.FlagAs(ResponseFlag.Complaint, "u1", Now).Error);
    }
}
