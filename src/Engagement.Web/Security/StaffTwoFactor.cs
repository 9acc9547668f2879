using System.Security.Claims;
using Engagement.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;

namespace Engagement.Web.Security;

/// <summary>
/// Staff pages need a two-factor sign-in: Identity adds the claim amr=mfa after the authenticator-app (or recovery-code)
/// step, and the set-up page signs in with it once two-factor authentication is turned on.
/// </summary>
public sealed class TwoFactorSignInRequirement : IAuthorizationRequirement
{
    public const string ClaimType = "amr";
    public const string ClaimValue = "mfa";

    public static bool IsMet(ClaimsPrincipal user) => user.HasClaim(ClaimType, ClaimValue);
}

public sealed class TwoFactorSignInHandler : AuthorizationHandler<TwoFactorSignInRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TwoFactorSignInRequirement requirement)
    {
        if (TwoFactorSignInRequirement.IsMet(context.User))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// When the only thing missing is the two-factor sign-in, sends the user to set it up (two-factor not on yet) or to
/// sign in again (it is on, but this session did not use it), instead of the access-denied page.
/// </summary>
public sealed class TwoFactorRedirectResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var failed = authorizeResult.AuthorizationFailure?.FailedRequirements.ToList() ?? [];
        if (authorizeResult.Forbidden && failed.Count > 0 && failed.All(r => r is TwoFactorSignInRequirement))
        {
            var users = context.RequestServices.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.GetUserAsync(context.User);
            var target = user is { TwoFactorEnabled: true } ? "/account/login" : "/account/setup-2fa";
            var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
            context.Response.Redirect(target + "?returnUrl=" + Uri.EscapeDataString(returnUrl));
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
