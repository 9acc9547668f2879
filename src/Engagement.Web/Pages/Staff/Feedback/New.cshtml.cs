using System.Security.Claims;
using System.Security.Cryptography;
using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Security;
using Engagement.Web.Features.Feedback;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Staff.Feedback;

/// <summary>Staff record feedback received by phone, letter, at a workshop or forum, on the person's behalf.</summary>
public sealed class NewModel(FeedbackChoices choices, SubmitFeedbackHandler submit, FeedbackProtector protector) : PageModel
{
    [BindProperty]
    public StaffFeedbackInput Input { get; set; } = new();

    public List<PriorityChoice> PriorityChoices { get; private set; } = [];

    public List<EventChoice> EventChoices { get; private set; } = [];

    public async Task OnGetAsync(int? eventId)
    {
        Input.EventId = eventId;
        Input.SubmissionKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        Input.TrackingToken = SecureToken.Create();
        await LoadAsync();

        // Opened from an event ("Record feedback raised at this event"): the event and its channel are filled in.
        if (EventChoices.FirstOrDefault(e => e.Id == eventId) is { } raisedAt)
        {
            Input.Channel = FeedbackText.ChannelFor(raisedAt.Kind);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync();
        ModelState.Clear();
        if (Input.Channel is null || !Enum.IsDefined(Input.Channel.Value))
        {
            ModelState.AddModelError("Input.Channel", "Select how the feedback reached us");
        }

        if (Input.EventId is { } eventId && EventChoices.All(e => e.Id != eventId))
        {
            ModelState.AddModelError("Input.EventId", "Select an event from the list");
        }

        if (Input.Role is null || !Enum.IsDefined(Input.Role.Value))
        {
            ModelState.AddModelError("Input.Role", "Select who the person is");
        }
        else if (Input.Role == SubmitterRole.CareProvider && (Input.ProviderType is null || !Enum.IsDefined(Input.ProviderType.Value)))
        {
            ModelState.AddModelError("Input.ProviderType", "Select what kind of care they provide");
        }

        if (Input.Section is null || !Enum.IsDefined(Input.Section.Value))
        {
            ModelState.AddModelError("Input.Section", "Select what the feedback is about");
        }

        FeedbackValidation.Text(ModelState, "Input.Text", Input.Text);
        if (!FeedbackChoices.AreLive(Input.Priorities, PriorityChoices))
        {
            ModelState.AddModelError("Input.Priorities", "Select priorities from the list");
        }

        FeedbackValidation.Contact(ModelState, "Input", Input.ContactName, Input.ContactEmail, Input.ConsentToContact, Input.ConsentToProgressUpdates);
        if (string.IsNullOrEmpty(Input.SubmissionKey) || Input.SubmissionKey.Length > 64 || string.IsNullOrEmpty(Input.TrackingToken) || Input.TrackingToken.Length > 100)
        {
            ModelState.AddModelError("", "The form has expired. Start again");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var receipt = await submit.HandleAsync(
            new SubmitFeedback(
                Input.Role!.Value,
                Input.ProviderType,
                Input.Section!.Value,
                FeedbackValidation.NormaliseText(Input.Text),
                Input.Priorities,
                Input.EventId,
                Input.Channel!.Value,
                Input.ContactName,
                Input.ContactEmail,
                Input.ConsentToContact,
                Input.ConsentToProgressUpdates,
                Input.SubmissionKey,
                Input.TrackingToken,
                LooksLikeBot: false,
                EnteredByUserId: User.FindFirstValue(ClaimTypes.NameIdentifier)),
            cancellationToken);
        return Redirect("/staff/feedback/created?receipt=" + Uri.EscapeDataString(protector.Protect(receipt)));
    }

    private async Task LoadAsync()
    {
        PriorityChoices = await choices.PrioritiesAsync();
        EventChoices = await choices.RecentEventsAsync(Input.EventId);
    }

    public sealed class StaffFeedbackInput
    {
        public FeedbackChannel? Channel { get; set; }
        public int? EventId { get; set; }
        public SubmitterRole? Role { get; set; }
        public ProviderType? ProviderType { get; set; }
        public ServiceSection? Section { get; set; }
        public string? Text { get; set; }
        public List<int> Priorities { get; set; } = [];
        public string? ContactName { get; set; }
        public string? ContactEmail { get; set; }
        public bool ConsentToContact { get; set; }
        public bool ConsentToProgressUpdates { get; set; }
        public string SubmissionKey { get; set; } = "";
        public string TrackingToken { get; set; } = "";
    }
}
