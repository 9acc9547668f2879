using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Security;

namespace Engagement.Infrastructure.Seeding;

/// <summary>
/// A closed demo consultation with its outcome published: the revised charging policy that the council's 2010–13
/// service and resource plan put out to consultation (to bring it in line with the Department of Health's Fairer
/// Contributions Guidance). The 40 responses and every figure are made up, and the outcome says so.
/// </summary>
public static class DemoConsultations
{
    public const string ChargingTitle = "Paying towards your care: our revised charging policy";

    public static readonly string[] Roles = ["I draw on care and support", "I am a carer or family member", "I work for a care provider", "Other"];
    public static readonly string[] Fairness = ["Very unfair", "Unfair", "Neither fair nor unfair", "Fair", "Very fair"];
    public static readonly string[] Helps = ["A full benefits check before any charge", "Charges brought in gradually", "Clear letters showing how the charge is worked out", "A named person to talk to"];

    public static async Task SeedAsync(EngagementDbContext db, ReferenceNumbers references, string commissionerId, DateTime now, CancellationToken cancellationToken)
    {
        var opens = now.Date.AddDays(-100).AddHours(9);
        var closes = now.Date.AddDays(-44).AddHours(23).AddMinutes(59);
        var consultation = Consultation.Create(new ConsultationDetails(
            ChargingTitle,
            "We proposed changes to how much people pay towards the cost of their care and support at home, in line with the Fairer Contributions Guidance. We asked what you thought before deciding.",
            """
            Our service and resource plan set out that our local policy asks people for a smaller contribution towards the cost of social care than other councils in the South West, and that a revised policy had to be consistent with the Department of Health's **Fairer Contributions Guidance**.

            The proposal:

            - everyone asked to contribute has a full financial assessment and a benefits check first
            - nobody is left with less than the guidance's minimum income
            - anyone whose charge rises has transitional protection
            """,
            "Phone 01225 000000, email consultations@example.org or ask for a paper form at any council office.",
            ServiceSection.SomethingElse, ConsultationAudience.PeopleWhoDrawOnCareAndCarers, opens, closes, [18], []), opens.AddDays(-7)).Value!;
        consultation.AddQuestion(new QuestionDetails(QuestionKind.OneChoice, "Which best describes you?", "We use this only to compare answers between groups.", true, true, false, null, 1, Roles), opens.AddDays(-7));
        consultation.AddQuestion(new QuestionDetails(QuestionKind.RatingScale, "How fair is the proposed way of working out contributions?", null, true, false, false, null, 1, Fairness), opens.AddDays(-7));
        consultation.AddQuestion(new QuestionDetails(QuestionKind.SeveralChoices, "What would make the change easier for you?", "Select all that apply.", false, false, true, null, 2, Helps), opens.AddDays(-7));
        consultation.AddQuestion(new QuestionDetails(QuestionKind.LongText, "Is there anything else you want us to know?", null, false, false, false, null, 2, []), opens.AddDays(-7));
        consultation.Publish(opens.AddDays(-7));
        db.Consultations.Add(consultation);
        await db.SaveChangesAsync(cancellationToken);

        var questions = consultation.Ordered.ToList();
        var (role, fair, helps, text) = (questions[0], questions[1], questions[2], questions[3]);
        string[] notes =
        [
            "I worry about the paperwork more than the money.",
            "Please make sure carers are told before anything changes.",
            "A phone call would be better than a letter.",
            "Our clients would need help to fill in the forms.",
        ];
        for (var i = 0; i < 40; i++)
        {
            // Made-up, deterministic answers: a spread over roles and ratings, several choices for most people.
            var answers = new List<GivenAnswer>
            {
                new(role.Id, role.Options[i % 7 < 3 ? 0 : i % 7 < 5 ? 1 : i % 7 < 6 ? 2 : 3].Id, null),
                new(fair.Id, fair.Options[(i * 3 + i / 7) % 5].Id, null),
            };
            for (var h = 0; h < Helps.Length; h++)
            {
                if ((i + h) % 3 != 0)
                {
                    answers.Add(new(helps.Id, helps.Options[h].Id, null));
                }
            }

            if (i % 9 == 4)
            {
                answers.Add(new(helps.Id, null, "Information in other languages"));
            }

            if (i % 5 == 0)
            {
                answers.Add(new(text.Id, null, notes[i / 5 % notes.Length]));
            }

            var at = opens.AddDays(1 + i);
            var number = await references.NextAsync(ReferenceNumbers.ConsultationResponse, at.Year, cancellationToken);
            db.ConsultationResponses.Add(ConsultationResponse.Receive(consultation.Id, ConsultationResponse.FormatReference(at.Year, number),
                SecureToken.Hash(SecureToken.Create()), Guid.NewGuid().ToString("N"), i % 8 == 0 ? ResponseChannel.Paper : ResponseChannel.Online,
                answers, null, false, false, late: false, sentTooQuickly: false, false, i % 8 == 0 ? commissionerId : null, null, at));
        }

        await db.SaveChangesAsync(cancellationToken);

        // The outcome, as the staff page publishes it: its own Completed entry in the log.
        var decided = closes.AddDays(14);
        var entryNumber = await references.NextAsync(ReferenceNumbers.Response, decided.Year, cancellationToken);
        var entry = ResponseEntry.Create(ResponseEntry.FormatReference(decided.Year, entryNumber), "We asked: " + ChargingTitle, commissionerId, decided);
        entry.YouSaidSummary = "DEMO DATA: these figures are made up for the demonstration. Most people accepted that contributions should be worked out the same way for everyone, but many worried about the forms and about charges starting all at once. Carers asked to be told before anything changes.";
        entry.WeDidMarkdown = """
            **Demo data: this outcome and its figures are made up.**

            We adopted the revised charging policy with three changes because of what you said:

            - every person asked to contribute gets a **benefits check first**, at home if they prefer
            - new or higher charges are **phased in over 12 months**
            - letters now show how the charge is worked out, and name a person to call
            """;
        entry.Section = consultation.Section;
        entry.OwnerTeam = "Adult social care commissioning";
        entry.Priorities = [new ResponseEntryPriority { PriorityNumber = 18 }];
        entry.ChangeStatus(ResponseStatus.UnderReview, "The consultation closed and the responses were analysed.", null, commissionerId, decided);
        entry.ChangeStatus(ResponseStatus.ActionPlanned, "The council made its decision on what people said (see \"We did\").", DateOnly.FromDateTime(decided), commissionerId, decided);
        entry.ChangeStatus(ResponseStatus.Completed, "The outcome of the consultation was published.", null, commissionerId, decided);
        entry.Publish(decided);
        db.ResponseEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);

        var outcome = consultation.PublishOutcome(
            "Should we change how much people pay towards their care at home, to follow the Fairer Contributions Guidance, and what would make the change easier?",
            entry.YouSaidSummary, entry.WeDidMarkdown, entry.Id, decided);
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException("Could not publish the demo consultation's outcome: " + outcome.Error);
        }

        await db.SaveChangesAsync(cancellationToken);
        await SeedOpenAsync(db, now, cancellationToken);
    }

    public const string ExtraCareTitle = "How we tell people about extra care housing";

    /// <summary>
    /// An open demo consultation on priority 10 (awareness of extra care housing): the council's review of how older
    /// people, their families and professionals hear about extra care housing. No responses: try answering it.
    /// </summary>
    private static async Task SeedOpenAsync(EngagementDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var written = now.Date.AddDays(-10);
        var consultation = Consultation.Create(new ConsultationDetails(
            ExtraCareTitle,
            "We are reviewing how we tell people about extra care housing: what it is, what it costs, who can live there and where the schemes are. Tell us how you would want to find out.",
            """
            Extra care housing gives people their own front door with care and support on site when they need it. Our Market Position Statement commits us to raise awareness and understanding of it among older people, their families, professionals and the public (priority 10).

            We want to know:

            - where you would look for information, or expect to be told about it
            - what you need to know before you would consider it
            - how well we explain it today

            What you tell us will shape the information we publish next year. This is a demonstration consultation: it is part of the demo data.
            """,
            "Phone 01225 000000, email consultations@example.org, or ask for a paper copy or an easy read version at any council office or library.",
            ServiceSection.ExtraCareHousing, ConsultationAudience.Everyone, written.AddDays(1).AddHours(9), now.Date.AddDays(30).AddHours(23).AddMinutes(59), [10], []), written).Value!;
        consultation.AddQuestion(new QuestionDetails(QuestionKind.OneChoice, "Which best describes you?", "We use this only to compare answers between groups.", true, true, false, null, 1,
            ["I draw on care and support", "I am a carer or family member", "I work in health or social care", "I am interested for the future", "Other"]), written);
        consultation.AddQuestion(new QuestionDetails(QuestionKind.RatingScale, "How well do we explain extra care housing today?", null, true, false, false, null, 1,
            ["Very poorly", "Poorly", "Neither well nor poorly", "Well", "Very well"]), written);
        consultation.AddQuestion(new QuestionDetails(QuestionKind.SeveralChoices, "Where would you look for information about extra care housing?", null, true, false, true, null, 2,
            ["The council's website", "My GP or another health professional", "A social worker", "Leaflets at the library or community centre", "Family and friends"]), written);
        consultation.AddQuestion(new QuestionDetails(QuestionKind.ShortText, "What is the first thing you would want to know?", "For example the cost, or whether you can bring a pet.", false, false, false, 200, 2, []), written);
        consultation.AddQuestion(new QuestionDetails(QuestionKind.LongText, "Is there anything else you want to tell us?", null, false, false, false, 2000, 2, []), written);
        consultation.Publish(written);
        db.Consultations.Add(consultation);
        await db.SaveChangesAsync(cancellationToken);
    }
}
