using System.Security.Claims;
using Engagement.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Security;

/// <summary>
/// Identity's sign-in manager, with disabled accounts refused everywhere: they cannot sign in, and an existing session
/// (whose security stamp is checked on every request) stops at the next request even if the stamp had not changed.
/// </summary>
public sealed class EngagementSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(ApplicationUser user) =>
        !user.IsDisabled && await base.CanSignInAsync(user);

    public override async Task<ApplicationUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { IsDisabled: true } ? null : user;
    }

    public override async Task<ApplicationUser?> ValidateTwoFactorSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateTwoFactorSecurityStampAsync(principal);
        return user is { IsDisabled: true } ? null : user;
    }

    /// <summary>After the password has been checked by the caller: signs in, or starts the two-factor step.</summary>
    public Task<SignInResult> SignInAfterPasswordAsync(ApplicationUser user) => SignInOrTwoFactorAsync(user, isPersistent: false);
}
