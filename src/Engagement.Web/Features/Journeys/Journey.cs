using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Engagement.Web.Features.Journeys;

/// <summary>
/// The answers so far on a multi-page form, held server-side by <see cref="JourneyDrafts"/>. Each journey's draft adds
/// its own answers; the engine keeps which steps are answered and whether the person has reached check your answers.
/// </summary>
public abstract class JourneyDraft
{
    public DateTime StartedAt { get; set; }

    /// <summary>The steps answered so far (an optional step answered with nothing is still answered).</summary>
    public HashSet<string> Answered { get; set; } = [];

    /// <summary>Set once the person reaches check your answers: after a change, they go back there.</summary>
    public bool ReachedCheck { get; set; }

    /// <summary>Marks a step unanswered again, when an earlier answer made its answer meaningless.</summary>
    public void Forget(string step) => Answered.Remove(step);
}

/// <summary>
/// One question page: its address (slug), its title, whether it applies to this person's answers so far, how its
/// answer is checked (errors go into ModelState under the page's "Input." keys) and what it saves into the draft.
/// </summary>
public sealed record JourneyStep<TDraft, TAnswers, TContext>(
    string Slug,
    string Title,
    Action<TAnswers, TContext, ModelStateDictionary> Validate,
    Action<TAnswers, TDraft> Save,
    Func<TDraft, bool>? AppliesTo = null)
    where TDraft : JourneyDraft
{
    public bool Applies(TDraft draft) => AppliesTo?.Invoke(draft) ?? true;
}

/// <summary>
/// A multi-page form as a table of steps, ending in check your answers. It decides which step a request may see
/// (never one whose earlier questions are unanswered, never one that does not apply), checks and saves a step's answer,
/// and says where to go next and back. Pages do the HTTP: each step is a GET at its own address, each answer a POST
/// that redirects to the next step's GET, so refresh, Back and bookmarks behave. See docs/decisions/0013.
/// <example>
/// <code>
/// if (journey.Submit(draft, step, Input, context, ModelState)) return Redirect(journey.Url(draft, journey.Next(draft, step)));
/// return Page(); // the errors are in ModelState, the answers in Input
/// </code>
/// </example>
/// </summary>
public sealed class Journey<TDraft, TAnswers, TContext>
    where TDraft : JourneyDraft
{
    public const string CheckSlug = "check";

    private readonly Func<TDraft, string> _basePath;

    public Journey(string name, Func<TDraft, string> basePath, string checkTitle, IReadOnlyList<JourneyStep<TDraft, TAnswers, TContext>> steps)
    {
        if (steps.Select(s => s.Slug).Append(CheckSlug).Distinct().Count() != steps.Count + 1)
        {
            throw new ArgumentException("Every step needs its own address.", nameof(steps));
        }

        Name = name;
        _basePath = basePath;
        CheckTitle = checkTitle;
        Steps = steps;
    }

    /// <summary>The journey's name: its drafts and their cookie are kept under it.</summary>
    public string Name { get; }

    public string CheckTitle { get; }

    public IReadOnlyList<JourneyStep<TDraft, TAnswers, TContext>> Steps { get; }

    /// <summary>Every address the journey answers: its steps and check your answers.</summary>
    public IEnumerable<string> Slugs => Steps.Select(s => s.Slug).Append(CheckSlug);

    public JourneyStep<TDraft, TAnswers, TContext>? Find(string slug) => Steps.FirstOrDefault(s => s.Slug == slug);

    public string Title(string slug) => Find(slug)?.Title ?? CheckTitle;

    public string Url(TDraft draft, string slug) => $"{_basePath(draft)}/{slug}";

    public IEnumerable<JourneyStep<TDraft, TAnswers, TContext>> Applicable(TDraft draft) => Steps.Where(s => s.Applies(draft));

    /// <summary>The first step that applies and is not answered yet, or null when the draft is ready to check.</summary>
    public string? FirstUnanswered(TDraft draft) => Applicable(draft).FirstOrDefault(s => !draft.Answered.Contains(s.Slug))?.Slug;

    /// <summary>
    /// The step a request for <paramref name="slug"/> may see: that step when it applies and everything before it is
    /// answered, otherwise the first unanswered step (or check your answers). Reaching check marks the draft.
    /// </summary>
    public string Resolve(TDraft draft, string slug)
    {
        var unanswered = FirstUnanswered(draft);
        if (slug == CheckSlug)
        {
            if (unanswered is null)
            {
                draft.ReachedCheck = true;
                return CheckSlug;
            }

            return unanswered;
        }

        var step = Find(slug);
        if (step is null || !step.Applies(draft))
        {
            return unanswered ?? CheckSlug;
        }

        var before = Applicable(draft).TakeWhile(s => s.Slug != slug);
        return before.FirstOrDefault(s => !draft.Answered.Contains(s.Slug))?.Slug ?? slug;
    }

    /// <summary>
    /// Checks the answer to one step and, when it is valid, saves it into the draft as answered. The step's validator
    /// owns every message: model binding's own ("The value '' is invalid") are dropped first, so a value that did not
    /// bind reads as missing and gets the step's plain message.
    /// </summary>
    public bool Submit(TDraft draft, string slug, TAnswers answers, TContext context, ModelStateDictionary modelState)
    {
        var step = Find(slug) ?? throw new ArgumentException($"{slug} is not a step of {Name}.", nameof(slug));
        modelState.Clear();
        step.Validate(answers, context, modelState);
        if (modelState.ErrorCount > 0)
        {
            return false;
        }

        step.Save(answers, draft);
        draft.Answered.Add(slug);
        return true;
    }

    /// <summary>
    /// Where to go after answering <paramref name="slug"/>: the next step that applies, or, once the person has seen
    /// check your answers, straight back there unless a change made a new question apply.
    /// </summary>
    public string Next(TDraft draft, string slug)
    {
        if (draft.ReachedCheck)
        {
            return FirstUnanswered(draft) ?? CheckSlug;
        }

        return Applicable(draft).SkipWhile(s => s.Slug != slug).Skip(1).FirstOrDefault()?.Slug ?? CheckSlug;
    }

    /// <summary>The step before this one that applies, for the Back link; null on the first.</summary>
    public string? Previous(TDraft draft, string slug)
    {
        var applicable = Applicable(draft).Select(s => s.Slug).ToList();
        if (slug == CheckSlug)
        {
            return applicable.LastOrDefault();
        }

        var index = applicable.IndexOf(slug);
        return index > 0 ? applicable[index - 1] : null;
    }
}
