using Engagement.Infrastructure.Identity;
using Hangfire;
using Hangfire.Dashboard;

namespace Engagement.Web.Security;

public static class HangfireDashboard
{
    /// <summary>The Hangfire dashboard at /hangfire, for administrators only.</summary>
    public static void MapHangfireDashboardForAdmins(this WebApplication app)
    {
        // The dashboard's statistics handler reads a posted form and throws on any other method: answer 405 instead.
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/hangfire/stats") && !HttpMethods.IsPost(context.Request.Method),
            branch => branch.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                context.Response.Headers.Allow = HttpMethods.Post;
                return Task.CompletedTask;
            }));
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new AdminOnlyFilter()],
            AppPath = "/staff",
            DisplayStorageConnectionString = false,
        }).RequireAuthorization(Hosting.ServiceConfiguration.AdminPolicy);
    }

    private sealed class AdminOnlyFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var user = context.GetHttpContext().User;
            return user.IsInRole(Roles.Admin) && TwoFactorSignInRequirement.IsMet(user);
        }
    }
}
