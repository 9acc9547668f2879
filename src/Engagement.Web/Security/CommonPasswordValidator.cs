using Engagement.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace Engagement.Web.Security;

/// <summary>Refuses passwords found on a list of the most common ones (no composition rules: length does the work).</summary>
public sealed class CommonPasswordValidator : IPasswordValidator<ApplicationUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "seeds", "common-passwords.txt");
        return File.Exists(path)
            ? File.ReadAllLines(path).Select(l => l.Trim().ToLowerInvariant()).Where(l => l.Length > 0).ToHashSet()
            : [];
    });

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        if (password is not null && Common.Value.Contains(password.Trim().ToLowerInvariant()))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "CommonPassword",
                Description = "Choose a password that is harder to guess: this one is on a list of common passwords",
            }));
        }

        return Task.FromResult(IdentityResult.Success);
    }
}
