using System.Threading.RateLimiting;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Engagement.Infrastructure.Identity;
using Engagement.Infrastructure.Jobs;
using Engagement.Infrastructure.Privacy;
using Engagement.Infrastructure.Seeding;
using Engagement.Web.Features.Deadlines;
using Engagement.Web.Features.Privacy;
using Engagement.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Engagement.Web.Hosting;

public static class ServiceConfiguration
{
    public const string StaffPolicy = "Staff";
    public const string AdminPolicy = "Admin";
    public const string ProviderPolicy = "Provider";

    /// <summary>Where the app keeps its SQLite file, demo password and (in Development) email pickup folder.</summary>
    public static string DataDirectory(IConfiguration configuration, IHostEnvironment environment) =>
        Path.GetFullPath(configuration["Storage:DataDirectory"] ?? Path.Combine(environment.ContentRootPath, "data"));

    public static WebApplicationBuilder AddEngagementServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var dataDirectory = DataDirectory(configuration, builder.Environment);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes;
        });

        services.AddSingleton(TimeProvider.System);
        services.Configure<ServiceOptions>(configuration.GetSection(ServiceOptions.Section));
        services.AddSingleton(configuration.GetSection(SeedOptions.Section).Get<SeedOptions>() ?? new SeedOptions());
        services.AddEngagementDatabase(configuration, dataDirectory);
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        database.ConnectionString = DatabaseRegistration.ResolveConnectionString(configuration, database.Provider, dataDirectory);
        services.AddEngagementJobs(configuration, database);
        services.AddEngagementEmail(configuration, builder.Environment.ContentRootPath, dataDirectory);
        services.AddEngagementRetention(configuration);
        services.AddEngagementPrivacyFeatures();
        services.AddScoped<Features.Email.RetryFailedEmailHandler>();
        services.AddScoped<PrioritySeeder>();
        services.AddScoped<DemoDataSeeder>();
        services.AddSingleton<DatabaseInitializer>();
        AddFeedback(services);
        services.AddFirstResponsePromise(configuration);
        services.AddScoped<Engagement.Infrastructure.Deadlines.OverdueEmailJob>();
        services.AddScoped<Features.Deadlines.OnTimeShare>();
        services.AddSingleton<Features.PublicLog.InsightsAggregateStore>();
        services.AddSingleton(_ => new Features.PublicLog.OpenDataFiles(Path.Combine(dataDirectory, "open-data")));
        services.AddScoped<Features.PublicLog.InsightsAggregate>();
        services.AddSingleton<Features.Triage.InboxCounts>();
        services.AddSingleton(_ => new Features.Publishing.HeldPerChange<Features.PublicLog.PublicLogQuery.Cells>(Features.PublicLog.PublicLogQuery.MaximumFilteredCells));
        services.Configure<Features.Alerts.AlertOptions>(configuration.GetSection(Features.Alerts.AlertOptions.Section));
        services.AddSingleton<Features.Forms.MinimumCompletionTime>();
        services.AddSingleton<Features.Alerts.AlertLinks>();
        services.AddScoped<Features.Alerts.SubscribeToAlertsHandler>();
        services.AddScoped<Features.Alerts.ConfirmAlertSubscriptionHandler>();
        services.AddScoped<Features.Alerts.AlertJob>();
        AddEvents(services);
        AddConsultations(services);
        AddPublicLog(services);
        AddTriageAndResponses(services, configuration);

        var cookies = CookieSecurity.From(configuration);
        AddIdentity(services, cookies);

        // Keys live in the database (shared by every instance), encrypted with a certificate (see DataProtectionCertificate).
        var (certificate, readable) = DataProtectionCertificate.Load(configuration, dataDirectory);
        services.AddDataProtection()
            .SetApplicationName("Engagement")
            .PersistKeysToDbContext<EngagementDbContext>()
            .ProtectKeysWithCertificate(certificate)
            .UnprotectKeysWithAnyCertificate(readable);
        services.AddSingleton(cookies);
        services.AddSingleton<KnownDevice>();
        services.AddScoped<Features.Accounts.SignInThrottle>();
        services.AddScoped<Features.Accounts.SignInRecorder>();
        services.AddScoped<Features.Accounts.SignInWithPasswordHandler>();
        services.AddScoped<Features.Admin.StaffAccountChanges>();
        services.AddScoped<Features.Admin.InviteStaffHandler>();
        services.AddScoped<Features.Admin.AcceptInvitationHandler>();
        services.AddScoped<Features.Admin.ChangeStaffAccountHandler>();
        services.AddScoped<Features.Admin.BackgroundJobs>();
        services.AddScoped<Features.Providers.ReviewProviderHandler>();
        services.AddScoped<Features.Audit.AuditQuery>();
        services.AddScoped<Features.Providers.UpdateProviderOrganisationHandler>();
        services.AddScoped<Features.ProviderEngagement.SaveEngagementRecordHandler>();
        services.AddScoped<Features.ProviderEngagement.ChangeEngagementStatusHandler>();
        services.AddScoped<Features.ProviderEngagement.ReviewEngagementRecordHandler>();
        services.AddScoped<Features.ProviderEngagement.PublicEngagementQuery>();
        services.AddScoped<Features.Priorities.EvidencePackQuery>();
        services.AddScoped<Features.EngagementStandard.MarketStandardQuery>();
        services.AddScoped<Features.EngagementStandard.SaveCriterionHandler>();
        services.AddScoped<Features.EngagementStandard.RecordJudgementHandler>();
        services.AddScoped<Features.EngagementStandard.FallingBehindJob>();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(StaffPolicy, p => p.RequireRole(Roles.Commissioner, Roles.Admin).AddRequirements(new TwoFactorSignInRequirement()))
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin).AddRequirements(new TwoFactorSignInRequirement()))
            .AddPolicy(ProviderPolicy, p => p.RequireRole(Roles.Provider));

        services.AddSingleton<IAuthorizationHandler, TwoFactorSignInHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, TwoFactorRedirectResultHandler>();

        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Staff", StaffPolicy);
            options.Conventions.AuthorizeFolder("/Admin", AdminPolicy);
            options.Conventions.AuthorizeFolder("/Provider", ProviderPolicy);
        }).AddMvcOptions(options => options.Filters.Add(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute()));
        services.AddRouting(options => options.LowercaseUrls = true);

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = cookies.Name("Engagement.Antiforgery");
            options.Cookie.SecurePolicy = cookies.Policy;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
            options.FormFieldName = "__RequestVerificationToken";
        });

        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(options =>
        {
            options.Cookie.Name = cookies.Name("Engagement.TempData");
            options.Cookie.SecurePolicy = cookies.Policy;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.HttpOnly = true;
            options.Cookie.IsEssential = true;
        });

        services.AddScoped<CspNonce>();
        var outputCacheEnabled = configuration.GetValue("OutputCache:Enabled", true);
        services.AddOutputCache(options => Features.Publishing.PublicPagesCache.Configure(options, outputCacheEnabled));
        if (configuration["OutputCache:Redis"] is { Length: > 0 } redis)
        {
            // Shared by every instance: a page cached by one is served by all, and a tag evicted by one is gone for all.
            services.AddStackExchangeRedisOutputCache(options =>
            {
                options.Configuration = redis;
                options.InstanceName = "engagement:";
            });
        }

        services.AddSingleton<Features.Publishing.PublicPagesCache>();
        services.AddSingleton<Engagement.Infrastructure.Text.SafeMarkdown>();
        var formLimits = new FormRateLimits(configuration);
        services.AddSingleton(formLimits);
        services.AddRateLimiter(formLimits.Configure);
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });

        services.AddHealthChecks()
            .AddDbContextCheck<EngagementDbContext>("database", tags: ["ready"])
            .AddCheck<DatabaseWritableCheck>("database-writes", tags: ["ready"]);

        return builder;
    }

    private static void AddFeedback(IServiceCollection services)
    {
        services.AddSingleton(_ => Engagement.Domain.Feedback.SafeguardingSignals.FromFile(
            Path.Combine(AppContext.BaseDirectory, "seeds", "safeguarding-signals.txt")));
        services.AddSingleton<Features.Feedback.FeedbackProtector>();
        services.AddScoped<Features.Journeys.JourneyDrafts>();
        services.AddScoped<Features.Feedback.FeedbackChoices>();
        services.AddSingleton<Features.Feedback.FeedbackChoicesStore>();
        services.AddScoped<Features.Feedback.SubmitFeedbackHandler>();
    }

    private static void AddEvents(IServiceCollection services)
    {
        services.AddSingleton<Features.Events.RegistrationProtector>();
        services.AddScoped<Features.Events.RegisterForEventHandler>();
        services.AddScoped<Features.Events.CancelRegistrationHandler>();
        services.AddScoped<Features.Events.SaveEventHandler>();
        services.AddScoped<Features.Events.ManageEventHandler>();
        services.AddScoped<Features.Events.ProviderAccounts>();
        services.AddScoped<Features.Events.EventReminderJob>();
        services.AddScoped<Features.Forums.ManageForumAgendaHandler>();
        services.AddScoped<Features.Forums.ForumMinutesHandler>();
    }

    /// <summary>Consultations: every handler of Features/Consultations, one list so helpers adding one add it here.</summary>
    private static void AddConsultations(IServiceCollection services)
    {
        services.AddScoped<Features.Consultations.SubmitConsultationResponseHandler>();
        services.AddSingleton<Features.Consultations.ConsultationProtector>();
        services.AddMemoryCache();
        services.AddScoped<Features.Consultations.ConsultationAnalysis>();
        services.AddScoped<Features.Consultations.AnalysisTextAnswers>();
        services.AddScoped<Features.Consultations.AnalysisDownload>();
        services.AddScoped<Features.Consultations.TagConsultationAnswerHandler>();
        services.AddScoped<Features.Consultations.PublishConsultationOutcomeHandler>();
        services.AddScoped<Features.Consultations.SaveConsultationHandler>();
        services.AddScoped<Features.Consultations.ManageQuestionsHandler>();
        services.AddScoped<Features.Consultations.ManageConsultationHandler>();
        services.AddScoped<Features.Consultations.FlagResponseHandler>();
        services.AddScoped<Features.Consultations.CountHeldBackResponseHandler>();
    }

    private static void AddPublicLog(IServiceCollection services)
    {
        services.AddScoped<Features.PublicLog.PublicLogQuery>();
        services.AddSingleton<Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataProvider, Features.PublicLog.CacheableTempDataProvider>();
    }

    private static void AddTriageAndResponses(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<Features.Triage.SafeguardingOptions>(configuration.GetSection(Features.Triage.SafeguardingOptions.Section));
        services.AddScoped<Features.Triage.FlagSafeguardingConcernHandler>();
        services.AddScoped<Features.Triage.FlagComplaintHandler>();
        services.AddScoped<Features.Triage.MarkNotForPublicationHandler>();
        services.AddScoped<Features.Triage.LinkFeedbackPrioritiesHandler>();
        services.AddScoped<Features.Triage.LinkFeedbackToEntryHandler>();
        services.AddScoped<Features.Triage.AssignFeedbackHandler>();
        services.AddScoped<Features.Triage.AddFeedbackNoteHandler>();
        services.AddScoped<Features.Responses.ProgressEmails>();
        services.AddScoped<Features.Responses.SaveResponseEntryHandler>();
        services.AddScoped<Features.Responses.ChangeResponseStatusHandler>();
        services.AddScoped<Features.Responses.PublishResponseEntryHandler>();
    }

    private static void AddIdentity(IServiceCollection services, CookieSecurity cookies)
    {
        services.AddIdentity<ApplicationUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedEmail = true;
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                // Identity's fixed lock would let anyone who knows an email keep that account shut; the growing delays of
                // Features/Accounts/SignInThrottle replace it. Identity still counts failures (shown to administrators).
                options.Lockout.AllowedForNewUsers = false;
                options.Lockout.MaxFailedAccessAttempts = int.MaxValue;
                options.Tokens.AuthenticatorTokenProvider = OneTimeAuthenticatorTokenProvider.ProviderName;
            })
            .AddEntityFrameworkStores<EngagementDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(OneTimeAuthenticatorTokenProvider.ProviderName)
            .AddSignInManager<EngagementSignInManager>()
            .AddPasswordValidator<CommonPasswordValidator>();

        // Sign-out and disabling an account change the security stamp; checking it on every request means a copied
        // cookie stops working at once.
        // Refreshing the principal keeps the two-factor claim (amr=mfa) that the staff policies need.
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.Zero;
            options.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal is { } current && TwoFactorSignInRequirement.IsMet(current)
                    && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity
                    && !TwoFactorSignInRequirement.IsMet(context.NewPrincipal))
                {
                    identity.AddClaim(new System.Security.Claims.Claim(TwoFactorSignInRequirement.ClaimType, TwoFactorSignInRequirement.ClaimValue));
                }

                return Task.CompletedTask;
            };
        });

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = cookies.Name("Engagement.Auth");
            options.Cookie.SecurePolicy = cookies.Policy;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/access-denied";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });
        services.ConfigureExternalCookie(options =>
        {
            options.Cookie.Name = cookies.Name("Engagement.External");
            options.Cookie.SecurePolicy = cookies.Policy;
        });
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options =>
        {
            options.Cookie.Name = cookies.Name("Engagement.TwoFactor");
            options.Cookie.SecurePolicy = cookies.Policy;
        });
    }

    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        var dataDirectory = DataDirectory(app.Configuration, app.Environment);

        // Fails start-up with a clear message when the bank holidays lack the current year or the setting is out of range.
        app.Services.GetRequiredService<Engagement.Domain.Feedback.FirstResponsePromise>();
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(dataDirectory);
    }

    public static WebApplication UseEngagementPipeline(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
        }

        if (app.Configuration.GetValue("ForwardedHeaders:Enabled", false))
        {
            // Behind a TLS-terminating proxy: trust X-Forwarded-For and X-Forwarded-Proto from the listed proxies only.
            app.UseForwardedHeaders(TrustedProxies.Options(app.Configuration));
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseMiddleware<RequestErrorsMiddleware>();
        app.UseMiddleware<RequestSizeLimitMiddleware>();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();

        // After authentication, so signed-in staff are never limited and signed-in providers count by account.
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseOutputCache();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapHangfireDashboardForAdmins();
        app.MapRazorPages();
        Features.PublicLog.PublicLogEndpoints.MapPublicLogEndpoints(app);
        if (app.Configuration.GetValue("Jobs:RunServer", true))
        {
            var jobs = app.Services.GetRequiredService<Hangfire.IRecurringJobManager>();
            Features.RecurringJobSchedule.Register(jobs);
        }

        // Anything unmatched is a 404 for everyone (rather than a sign-in redirect from the fallback policy).
        app.MapFallback(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }).AllowAnonymous();
        return app;
    }
}
