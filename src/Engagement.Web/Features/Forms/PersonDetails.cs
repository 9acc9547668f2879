using System.ComponentModel.DataAnnotations;
using Engagement.Domain.Events;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Engagement.Web.Features.Forms;

/// <summary>Checks on a person's name and email address, shared by every form that asks for them.</summary>
public static class PersonDetails
{
    /// <summary>A plausible single address with a dot in its domain, and nothing that could break a mail header.</summary>
    public static bool IsEmail(string email) =>
        new EmailAddressAttribute().IsValid(email) && email.IndexOfAny(['\r', '\n', ' ', '<', '>', ',', ';', '"']) < 0
        && email.IndexOf('.', email.IndexOf('@', StringComparison.Ordinal)) > 0;

    /// <summary>Name and email both required (bookings, provider accounts), with GOV.UK error messages.</summary>
    public static void RequireNameAndEmail(ModelStateDictionary modelState, string prefix, string? name, string? email)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            modelState.AddModelError(prefix + ".Name", "Enter your full name");
        }
        else if (name.Trim().Length > EventLimits.NameMaxLength)
        {
            modelState.AddModelError(prefix + ".Name", "Your name must be 200 characters or fewer");
        }
        else if (TextInput.HasControlCharacters(name))
        {
            modelState.AddModelError(prefix + ".Name", TextInput.ControlCharactersMessage("Your name"));
        }

        var trimmed = email?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            modelState.AddModelError(prefix + ".Email", "Enter your email address");
        }
        else if (trimmed.Length > EventLimits.EmailMaxLength || !IsEmail(trimmed))
        {
            modelState.AddModelError(prefix + ".Email", "Enter an email address in the correct format, like name@example.com");
        }
    }
}
