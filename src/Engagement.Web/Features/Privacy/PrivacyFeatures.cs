namespace Engagement.Web.Features.Privacy;

public static class PrivacyFeatures
{
    /// <summary>Withdrawal, unsubscribe and data request handlers (issue 11).</summary>
    public static IServiceCollection AddEngagementPrivacyFeatures(this IServiceCollection services)
    {
        services.AddScoped<PersonalDataRemoval>();
        services.AddScoped<WithdrawFeedbackHandler>();
        services.AddScoped<WithdrawBookingHandler>();
        services.AddScoped<UnsubscribeHandler>();
        services.AddScoped<PersonalDataSearch>();
        services.AddScoped<DataRequestHandler>();
        services.AddScoped<SafeguardingHoldHandler>();
        services.AddScoped<ProviderAccountErasure>();
        return services;
    }
}
