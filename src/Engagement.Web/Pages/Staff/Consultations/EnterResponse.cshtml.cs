using System.Security.Claims;
using System.Security.Cryptography;
using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Security;
using Engagement.Web.Features.Consultations;
using Engagement.Web.Features.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Consultations;

/// <summary>
/// Staff enter a response received on paper, by phone, at an event or by email, on the person's behalf: every question
/// on one page, checked and recorded by the same handler as the online journey (with the channel and who entered it).
/// After closing it is still recorded, marked late.
/// </summary>
public sealed class EnterResponseModel(EngagementDbContext db, SubmitConsultationResponseHandler submit, TimeProvider clock) : PageModel
{
    public static readonly ResponseChannel[] Channels = [ResponseChannel.Paper, ResponseChannel.Phone, ResponseChannel.AtAnEvent, ResponseChannel.Email];

    private static readonly IReadOnlyDictionary<string, string[]> NoAnswers = new Dictionary<string, string[]>();

    [BindProperty]
    public StaffResponseInput Input { get; set; } = new();

    public Consultation Consultation { get; private set; } = default!;

    public ConsultationPhase Phase { get; private set; }

    public List<QuestionField> Fields { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input.SubmissionKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        Input.Token = SecureToken.Create();
        Fields = Consultation.Ordered.Select(q => QuestionField.For(q, NoAnswers, isPageHeading: false)).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var answers = Consultation.Questions
            .SelectMany(q => new[] { q.FieldName, q.OtherFieldName })
            .Where(name => Request.Form.ContainsKey(name))
            .ToDictionary(name => name, name => Request.Form[name].Select(v => v ?? "").ToArray());
        Fields = Consultation.Ordered.Select(q => QuestionField.For(q, answers, isPageHeading: false)).ToList();

        ModelState.Clear();
        if (Input.Channel is not { } channel || !Channels.Contains(channel))
        {
            ModelState.AddModelError("Input.Channel", "Select how the response reached us");
        }

        if (string.IsNullOrWhiteSpace(Input.Email) && (Input.WantsAcknowledgement || Input.WantsOutcome))
        {
            ModelState.AddModelError("Input.Email", "Enter their email address, or untick the emails they asked for");
        }

        if (string.IsNullOrEmpty(Input.SubmissionKey) || Input.SubmissionKey.Length > 64 || string.IsNullOrEmpty(Input.Token) || Input.Token.Length > 100)
        {
            ModelState.AddModelError("", "The form has expired. Start again");
        }

        if (!Consultation.IsPublished)
        {
            ModelState.AddModelError("", "Publish the consultation before entering responses");
        }

        if (!ModelState.IsValid)
        {
            // The answers are still checked, so every error shows at once.
            AddAnswerErrors(ConsultationAnswers.Check(Consultation, answers));
            return Page();
        }

        var receipt = await submit.HandleAsync(
            new SubmitConsultationResponse(id, answers, Input.Channel!.Value, Input.Email, Input.WantsAcknowledgement, Input.WantsOutcome,
                Input.SubmissionKey, Input.Token, EnteredByUserId: User.FindFirstValue(ClaimTypes.NameIdentifier)),
            cancellationToken);
        if (!receipt.Succeeded)
        {
            if (this.NotFoundFor(receipt) is { } notFound)
            {
                return notFound;
            }

            AddAnswerErrors(receipt);
            return Page();
        }

        return Redirect($"/staff/consultations/{id}/responses/entered?reference={Uri.EscapeDataString(receipt.Value!.Reference)}");
    }

    /// <summary>Answer errors are keyed by question field name (q12); the email error by the command's property.</summary>
    private void AddAnswerErrors(IDomainResult result)
    {
        foreach (var error in result.Errors)
        {
            var key = error.Property switch
            {
                null => "",
                nameof(SubmitConsultationResponse.Email) => "Input.Email",
                var field => field,
            };
            ModelState.AddModelError(key, error.Message);
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().AsSplitQuery().Include(c => c.Questions).ThenInclude(q => q.Options)
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consultation is null)
        {
            return false;
        }

        Consultation = consultation;
        Phase = consultation.PhaseAt(clock.GetUtcNow().UtcDateTime);
        return true;
    }

    public sealed class StaffResponseInput
    {
        public ResponseChannel? Channel { get; set; }
        public string? Email { get; set; }
        public bool WantsAcknowledgement { get; set; }
        public bool WantsOutcome { get; set; }
        public string SubmissionKey { get; set; } = "";
        public string Token { get; set; } = "";
    }
}
