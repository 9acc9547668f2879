namespace Engagement.Web.Hosting;

/// <summary>
/// The only web root is the repository's top-level wwwroot/. In `dotnet run` and in tests it is found by walking up
/// to the folder that holds Engagement.sln; in the published output it is the copy beside the app.
/// </summary>
public static class WebRoot
{
    public static string Locate()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Engagement.sln")) && Directory.Exists(Path.Combine(dir.FullName, "wwwroot")))
                {
                    return Path.Combine(dir.FullName, "wwwroot");
                }
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "wwwroot");
    }
}
