using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Engagement.Infrastructure.Email;

public static class EmailRegistration
{
    /// <summary>
    /// Email options, the transport (SMTP when Email:Smtp:Host is set, otherwise the pickup folder) and the jobs.
    /// A relative pickup folder is resolved against the content root; with neither host nor folder set, mail goes to
    /// "mail" in the data folder.
    /// </summary>
    public static IServiceCollection AddEngagementEmail(this IServiceCollection services, IConfiguration configuration, string contentRoot, string dataDirectory)
    {
        services.AddOptions<EmailOptions>()
            .Bind(configuration.GetSection(EmailOptions.Section))
            .PostConfigure(options =>
            {
                options.PickupDirectory = string.IsNullOrWhiteSpace(options.PickupDirectory)
                    ? Path.Combine(dataDirectory, "mail")
                    : Path.GetFullPath(options.PickupDirectory, contentRoot);
            });
        services.AddSingleton<IEmailTransport>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<EmailOptions>>().Value;
            return options.UsesSmtp
                ? new SmtpEmailTransport(options.Smtp)
                : new PickupDirectoryEmailTransport(options.PickupDirectory!);
        });
        services.AddScoped<OutboxDispatcher>();
        services.AddSingleton<SentMailCopies>();
        services.AddScoped<EmailRetentionJob>();
        return services;
    }
}
