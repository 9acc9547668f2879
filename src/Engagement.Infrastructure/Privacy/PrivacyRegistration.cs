using Engagement.Infrastructure.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Engagement.Infrastructure.Privacy;

public static class PrivacyRegistration
{
    /// <summary>The Retention options, the policy built from them (read by the job and the privacy notice) and the job.</summary>
    public static IServiceCollection AddEngagementRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RetentionOptions>(configuration.GetSection(RetentionOptions.Section));
        services.AddSingleton(provider => new RetentionPolicy(
            provider.GetRequiredService<IOptions<RetentionOptions>>().Value,
            provider.GetRequiredService<IOptions<EmailOptions>>().Value));
        services.AddScoped<RetentionJob>();
        services.AddSingleton<UnsubscribeLinks>();
        return services;
    }
}
