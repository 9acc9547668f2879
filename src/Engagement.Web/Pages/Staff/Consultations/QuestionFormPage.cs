using System.Globalization;
using System.Security.Claims;
using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Feedback;
using Engagement.Web.Features.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Consultations;

/// <summary>What staff write about one question. Numbers are read as text so that a typo gets a clear message.</summary>
public sealed class QuestionFormInput
{
    public QuestionKind? Kind { get; set; }
    public string? Text { get; set; }
    public string? Hint { get; set; }
    public bool Required { get; set; }
    public bool AboutYou { get; set; }
    public bool AllowOther { get; set; }
    public string? MaxLength { get; set; }
    public string? PageNumber { get; set; }

    /// <summary>The choices, or the rating scale's labelled points lowest first, one per line.</summary>
    public string? Options { get; set; }

    public static QuestionFormInput From(ConsultationQuestion q) => new()
    {
        Kind = q.Kind,
        Text = q.Text,
        Hint = q.Hint,
        Required = q.IsRequired,
        AboutYou = q.IsAboutYou,
        AllowOther = q.AllowOther,
        MaxLength = q.MaxLength?.ToString(CultureInfo.InvariantCulture),
        PageNumber = q.PageNumber.ToString(CultureInfo.InvariantCulture),
        Options = string.Join('\n', q.Options.Select(o => o.Label)),
    };
}

/// <summary>What the question fields partial needs from the add and change pages.</summary>
public abstract class QuestionFormPage(EngagementDbContext db) : PageModel
{
    [BindProperty]
    public QuestionFormInput Input { get; set; } = new();

    [TempData(Key = "Status")]
    public string? StatusMessage { get; set; }

    public int Id { get; private set; }

    /// <summary>
    /// The consultation's version when the form was read. A save from an older one is refused with a conflict; the
    /// form then carries the current version, so saving again after reading the message goes through.
    /// </summary>
    [BindProperty]
    public Guid Version { get; set; }

    private Guid _currentVersion;

    public string ConsultationTitle { get; private set; } = "";

    /// <summary>People have answered: only the wording may change.</summary>
    public bool Answered { get; private set; }

    /// <summary>The last page a question can go on (a new page after the last).</summary>
    public int LastPage { get; private set; }

    protected string? UserId => User.FindFirstValue(ClaimTypes.NameIdentifier);

    protected async Task<Consultation?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().AsSplitQuery().Include(c => c.Questions).ThenInclude(q => q.Options)
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consultation is null)
        {
            return null;
        }

        Id = id;
        _currentVersion = consultation.Version;
        if (HttpMethods.IsGet(Request.Method))
        {
            Version = consultation.Version;
        }

        ConsultationTitle = consultation.Title;
        LastPage = (consultation.Questions.Count == 0 ? 1 : consultation.Questions.Max(q => q.PageNumber)) + 1;
        Answered = await db.ConsultationResponses.AnyAsync(r => r.ConsultationId == id, cancellationToken);
        return consultation;
    }

    /// <summary>The details for the handler, or null with errors in ModelState for what only the raw form can tell.</summary>
    protected QuestionDetails? Details()
    {
        ModelState.Clear();
        var maxLength = Number(Input.MaxLength, "Input.MaxLength", "Enter the character limit as a number, like 500");
        var page = Number(Input.PageNumber, "Input.PageNumber", "Enter the page number as a number, like 2");
        foreach (var (key, value) in new[] { ("Text", Input.Text), ("Hint", Input.Hint), ("Options", Input.Options) })
        {
            if (TextInput.HasControlCharacters(value))
            {
                ModelState.AddModelError("Input." + key, TextInput.ControlCharactersMessage("This"));
            }
        }

        if (!ModelState.IsValid)
        {
            return null;
        }

        var options = FeedbackValidation.NormaliseText(Input.Options).Split('\n').Select(o => o.Trim()).Where(o => o.Length > 0).ToList();
        return new QuestionDetails(Input.Kind, Input.Text, Input.Hint, Input.Required, Input.AboutYou, Input.AllowOther, maxLength, page, options);
    }

    protected void AddResult(IDomainResult result)
    {
        ModelState.AddResult<QuestionFormInput>(result, nameof(Input));
        if (result.Kind == ResultKind.Conflict)
        {
            Version = _currentVersion;
        }
    }

    private int? Number(string? text, string key, string message)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        ModelState.AddModelError(key, message);
        return null;
    }
}
