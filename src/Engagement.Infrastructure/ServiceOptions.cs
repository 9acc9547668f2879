namespace Engagement.Infrastructure;

/// <summary>The "Service" configuration section: names, links and contact routes used on pages and in emails.</summary>
public sealed class ServiceOptions
{
    public const string Section = "Service";

    public string Name { get; set; } = "Engagement: You said, we did";
    public string CouncilName { get; set; } = "the council";

    /// <summary>The public address of the service, used for links in emails, feeds and calendar files.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    public string ContactEmail { get; set; } = "";
    public string SafeguardingPhone { get; set; } = "";
    public string ComplaintsUrl { get; set; } = "";
    public string OmbudsmanUrl { get; set; } = "https://www.lgo.org.uk/";

    public string Link(string path) => PublicBaseUrl.TrimEnd('/') + "/" + path.TrimStart('/');
}
