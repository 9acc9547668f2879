using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using MimeKit;

namespace Engagement.IntegrationTests.Email;

/// <summary>A real SMTP server (aiosmtpd, smtp_server.py) on loopback, saving every accepted message to a folder.</summary>
public sealed class SmtpServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SmtpServerProcess(Process process, int port, string folder)
    {
        _process = process;
        Port = port;
        Folder = folder;
    }

    public int Port { get; }

    public string Folder { get; }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static async Task<SmtpServerProcess> StartAsync(int port, string folder, int temporaryFailures = 0, bool rejectAll = false)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Email", "smtp_server.py");
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, "--port", port.ToString(), "--folder", folder, "--tempfail", temporaryFailures.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        if (rejectAll)
        {
            start.ArgumentList.Add("--reject");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The SMTP server did not start.");
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (ready != "READY")
        {
            var error = await process.StandardError.ReadToEndAsync();
            throw new InvalidOperationException($"The SMTP server did not start: {ready} {error}");
        }

        return new SmtpServerProcess(process, port, folder);
    }

    /// <summary>Every message the server accepted, in order, with its SMTP envelope.</summary>
    public IReadOnlyList<Received> Messages() =>
        Directory.Exists(Folder)
            ? Directory.GetFiles(Folder, "*.eml")
                .OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f)))
                .Select(f =>
                {
                    var envelope = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(f, ".json"))).RootElement;
                    return new Received(
                        MimeMessage.Load(f),
                        File.ReadAllText(f),
                        envelope.GetProperty("rcpt_tos").EnumerateArray().Select(r => r.GetString()!).ToList(),
                        envelope.TryGetProperty("peer", out var peer) ? peer.GetString() : null);
                })
                .ToList()
            : [];

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    /// <summary>A message as received; <see cref="Peer"/> is the client's address and port, the same for one connection.</summary>
    public sealed record Received(MimeMessage Message, string Raw, IReadOnlyList<string> EnvelopeRecipients, string? Peer = null);
}
