using Engagement.Domain.Feedback;
using Engagement.Web.Features.Forms;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Engagement.Web.Features.Feedback;

/// <summary>Server-side checks shared by the public question pages and the staff entry form.</summary>
public static class FeedbackValidation
{
    /// <summary>Browsers send new lines as CR LF; store and count them as one character, as the character count does.</summary>
    public static string NormaliseText(string? text) => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);

    public static void Text(ModelStateDictionary modelState, string key, string? text)
    {
        var normalised = NormaliseText(text);
        if (string.IsNullOrWhiteSpace(normalised))
        {
            modelState.AddModelError(key, "Enter what you want to tell us");
        }
        else if (normalised.Length > FeedbackLimits.TextMaxLength)
        {
            modelState.AddModelError(key, "What you want to tell us must be 5,000 characters or fewer");
        }
        else if (TextInput.HasControlCharacters(normalised))
        {
            modelState.AddModelError(key, TextInput.ControlCharactersMessage("What you want to tell us"));
        }
    }

    public static void Contact(ModelStateDictionary modelState, string prefix, string? name, string? email, bool consentToContact, bool consentToProgress)
    {
        var hasEmail = !string.IsNullOrWhiteSpace(email);
        if ((name?.Trim().Length ?? 0) > FeedbackLimits.NameMaxLength)
        {
            modelState.AddModelError(prefix + ".ContactName", "Your name must be 200 characters or fewer");
        }
        else if (TextInput.HasControlCharacters(name))
        {
            modelState.AddModelError(prefix + ".ContactName", TextInput.ControlCharactersMessage("Your name"));
        }

        if (hasEmail && email!.Trim().Length > FeedbackLimits.EmailMaxLength)
        {
            modelState.AddModelError(prefix + ".ContactEmail", "Email address must be 320 characters or fewer");
        }
        else if (hasEmail && !PersonDetails.IsEmail(email!.Trim()))
        {
            modelState.AddModelError(prefix + ".ContactEmail", "Enter an email address in the correct format, like name@example.com");
        }
        else if (!hasEmail && (consentToContact || consentToProgress))
        {
            modelState.AddModelError(prefix + ".ContactEmail", "Enter your email address if you want us to contact you or tell you about progress");
        }
        else if (hasEmail && !consentToContact && !consentToProgress)
        {
            modelState.AddModelError(prefix + ".ConsentToContact", "Select if we can contact you or tell you about progress, or leave your email address blank");
        }
    }
}
