using Engagement.Infrastructure;
using Engagement.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Security;

/// <summary>
/// Refuses passwords that are easy to guess (no composition rules: length does the work): those on the list of the 30,000
/// most common passwords in <c>seeds/common-passwords.txt</c> (see its SOURCE file), the service's own words (the
/// service and council names and <c>seeds/service-passwords.txt</c>), either of those with digits and symbols added
/// before, after or between letters ("Password1234!", "qwerty123456"), and a password of fewer than 4 different characters
/// ("aaaaaaaaaaaa").
/// </summary>
public sealed class CommonPasswordValidator(IOptions<ServiceOptions> service) : IPasswordValidator<ApplicationUser>
{
    public const string Message = "Choose a password that is harder to guess: this one is too common, or is made from a common password or the name of this service";

    private static readonly Lazy<HashSet<string>> Common = new(() => Load("common-passwords.txt"));
    private static readonly Lazy<HashSet<string>> ServiceWords = new(() => Load("service-passwords.txt"));

    /// <summary>How many passwords the common list holds (the README and a test quote it).</summary>
    public static int CommonCount => Common.Value.Count;

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password) =>
        Task.FromResult(password is not null && IsEasyToGuess(password)
            ? IdentityResult.Failed(new IdentityError { Code = "CommonPassword", Description = Message })
            : IdentityResult.Success);

    public bool IsEasyToGuess(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        if (lower.Distinct().Count() < 4)
        {
            return true;
        }

        var own = OwnWords();
        var trimmed = lower.Trim(NotLetter);
        var lettersOnly = new string(lower.Where(char.IsLetter).ToArray());
        foreach (var candidate in new[] { lower, trimmed, Deleet(trimmed) })
        {
            if (candidate.Length > 0 && (Common.Value.Contains(candidate) || own.Contains(candidate)))
            {
                return true;
            }
        }

        // Only digits and symbols apart from a service word: "bathnes2026!", "engagement123".
        return own.Any(word => word.Length >= 4 && lettersOnly == word);
    }

    private HashSet<string> OwnWords()
    {
        var words = new HashSet<string>(ServiceWords.Value);
        foreach (var name in new[] { service.Value.Name, service.Value.CouncilName })
        {
            var letters = new string(name.ToLowerInvariant().Where(char.IsLetter).ToArray());
            if (letters.Length > 0)
            {
                words.Add(letters);
            }

            foreach (var word in name.ToLowerInvariant().Split([' ', ':', ',', '-', '&'], StringSplitOptions.RemoveEmptyEntries))
            {
                var clean = new string(word.Where(char.IsLetter).ToArray());
                if (clean.Length >= 4 && clean is not ("said" or "that" or "this" or "with" or "from"))
                {
                    words.Add(clean);
                }
            }
        }

        return words;
    }

    private static readonly char[] NotLetter = "0123456789!\"£$%^&*()-_=+[]{};:'@#~,<.>/?\\|`¬ ".ToCharArray();

    /// <summary>"p4ssw0rd" back to "password" for the common l33t swaps (only where the result is letters).</summary>
    private static string Deleet(string text) => text.Length == 0 ? text : new string(text.Select(c => c switch
    {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '@' => 'a',
        '$' => 's',
        _ => c,
    }).ToArray());

    private static HashSet<string> Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "seeds", file);
        return File.Exists(path)
            ? File.ReadLines(path).Select(l => l.Trim().ToLowerInvariant()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet()
            : [];
    }
}
