using System.Diagnostics;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Engagement.IntegrationTests.Feedback;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Engagement.IntegrationTests.FrontDoor;

/// <summary>The app's data folder on its own small disk (a tmpfs this test mounts; the test command runs as root).</summary>
public sealed class SmallDiskFactory : EngagementFactory
{
    public SmallDiskFactory()
        : base(Mount())
    {
    }

    public string Filler => Path.Combine(DataDirectory, "filler.bin");

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Feedback:MinimumSecondsToComplete"] = "0" };

    private static string Mount()
    {
        var directory = Path.Combine(Path.GetTempPath(), "engagement-tests", "small-disk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        Run("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", directory);
        return directory;
    }

    public static void Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', arguments)} failed (the tests need root to mount a small disk): {error}");
    }

    /// <summary>Fills what is left of the disk.</summary>
    public void FillDisk()
    {
        using var file = new FileStream(Filler, FileMode.Create);
        var block = new byte[64 * 1024];
        try
        {
            while (true)
            {
                file.Write(block);
                file.Flush(true);
            }
        }
        catch (IOException)
        {
            // No space left: the disk is full, as intended.
        }
    }

    private bool _mounted = true;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _mounted)
        {
            // The factory may be disposed more than once (Dispose and DisposeAsync): unmount only the first time.
            _mounted = false;
            Run("umount", "-l", DataDirectory);
            Directory.Delete(DataDirectory);
        }
    }
}

public sealed class FullDiskTests(SmallDiskFactory factory) : IClassFixture<SmallDiskFactory>
{
    [Fact]
    public async Task A_full_disk_gives_the_service_busy_page_with_the_answers_kept_nothing_half_saved_and_trying_again_later_sends_them_once()
    {
        var text = "Full disk feedback " + Guid.NewGuid().ToString("N");
        var client = factory.CreateBrowserClient();
        var check = await FeedbackJourney.ToCheckAnswersAsync(client, text, new Dictionary<string, string>
        {
            ["Input.ContactEmail"] = "full.disk@example.org",
            ["Input.ConsentToProgressUpdates"] = "true",
        });

        factory.FillDisk();
        var refused = await Html.SubmitAsync(client, check, new Dictionary<string, string>(), "form#feedback-form");
        File.Delete(factory.Filler);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        var page = await Html.ParseAsync(refused);
        Assert.Equal("Sorry, the service is busy", page.QuerySelector("h1")!.TextContent);
        await using (var db = factory.CreateDbContext())
        {
            Assert.False(await db.FeedbackItems.AnyAsync(f => f.Text == text));
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.ToAddress == "full.disk@example.org"));
        }

        var sent = await Html.SubmitAsync(client, page.QuerySelector<IHtmlFormElement>("main form[method=post]")!, []);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        await using (var db = factory.CreateDbContext())
        {
            Assert.Equal(1, await db.FeedbackItems.CountAsync(f => f.Text == text));
            Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.ToAddress == "full.disk@example.org"));
        }
    }
}
