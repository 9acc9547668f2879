namespace Engagement.Web.Features.PublicLog;

/// <summary>
/// The whole log's CSV download, written to a file at most once per change and then sent from disk (decision 0032).
/// The file is named by the public figures' <see cref="Infrastructure.Data.ChangeStamp"/> read before its rows, so it
/// is at least as new as that stamp; while the stamp still reads the same nothing in the file has changed. One request
/// per instance writes it (others wait for that one), to a temporary name first, so a reader never sees half a file.
/// Each process writes its own files (the name carries a per-process token) and deletes the one it replaces; files a
/// stopped process left behind are deleted when they are a day old.
/// </summary>
public sealed class OpenDataFiles
{
    private const string Prefix = "you-said-we-did-";

    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly string _directory;
    private readonly string _process = Guid.NewGuid().ToString("N")[..12];
    private volatile Written? _current;

    public OpenDataFiles(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
        // File times are the machine's clock, not the service's (which tests move).
        var dayAgo = DateTime.UtcNow.AddDays(-1);
        foreach (var stale in Directory.EnumerateFiles(directory, Prefix + "*").Where(f => File.GetLastWriteTimeUtc(f) < dayAgo))
        {
            TryDelete(stale);
        }
    }

    /// <summary>How many times the file was written (for tests and logs).</summary>
    public int Writes { get; private set; }

    /// <summary>The path of the whole log's CSV for <paramref name="stamp"/>, written first if it is not there yet.</summary>
    public async Task<string> WholeLogCsvAsync(Guid stamp, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        if (Current(stamp) is { } ready)
        {
            return ready;
        }

        await _writing.WaitAsync(cancellationToken);
        try
        {
            if (Current(stamp) is { } written)
            {
                return written;
            }

            var path = Path.Combine(_directory, $"{Prefix}{stamp:N}-{_process}.csv");
            var temporary = path + ".tmp";
            // Not the request's token: other requests are waiting for this file.
            await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await write(file, CancellationToken.None);
            }

            File.Move(temporary, path, overwrite: true);
            var previous = _current?.Path;
            _current = new Written(stamp, path);
            Writes++;
            if (previous is not null && previous != path)
            {
                // A download still reading it keeps its open handle on Linux; elsewhere the day-old sweep gets it.
                TryDelete(previous);
            }

            return path;
        }
        finally
        {
            _writing.Release();
        }
    }

    private string? Current(Guid stamp) =>
        _current is { } current && current.Stamp == stamp && File.Exists(current.Path) ? current.Path : null;

    /// <summary>A reference, so a reader on another thread sees both fields of one write.</summary>
    private sealed record Written(Guid Stamp, string Path);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Still open for a download where files in use cannot be deleted, or already gone: nothing is served from
            // it again (the current file is named by its stamp), and the day-old sweep at the next start removes it.
        }
    }
}
