using MimeKit;

namespace Engagement.Infrastructure.Email;

/// <summary>
/// Hands messages to whatever delivers mail. A session may keep a connection open for many messages; each send throws
/// on failure and the dispatcher decides whether to retry.
/// </summary>
public interface IEmailTransport
{
    IEmailSession OpenSession();

    /// <summary>One message on its own session.</summary>
    async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        await using var session = OpenSession();
        await session.SendAsync(message, cancellationToken);
    }
}

/// <summary>Sends messages one after another, reusing whatever connection it holds; disposing it closes the connection.</summary>
public interface IEmailSession : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// Sends through an SMTP server with MailKit. A session connects (and authenticates) on its first message and reuses the
/// connection for the rest of the batch; after any failure it drops the connection, so the next message starts on a
/// fresh one and a broken connection never fails more than the message it was sending.
/// </summary>
public sealed class SmtpEmailTransport(SmtpOptions options) : IEmailTransport
{
    public IEmailSession OpenSession() => new Session(options);

    private sealed class Session(SmtpOptions options) : IEmailSession
    {
        private MailKit.Net.Smtp.SmtpClient? _client;

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            try
            {
                if (_client is not { IsConnected: true })
                {
                    _client?.Dispose();
                    _client = new MailKit.Net.Smtp.SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
                    await _client.ConnectAsync(options.Host ?? throw new InvalidOperationException("Email:Smtp:Host is not set."), options.Port, options.SecureSocketOptions, cancellationToken);
                    if (!string.IsNullOrEmpty(options.Username))
                    {
                        await _client.AuthenticateAsync(options.Username, options.Password ?? "", cancellationToken);
                    }
                }

                await _client.SendAsync(message, cancellationToken);
            }
            catch
            {
                _client?.Dispose();
                _client = null;
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_client is { IsConnected: true } client)
            {
                try
                {
                    await client.DisconnectAsync(quit: true, CancellationToken.None);
                }
                catch (Exception exception) when (exception is IOException or MailKit.ProtocolException or MailKit.Net.Smtp.SmtpCommandException or OperationCanceledException)
                {
                    // Every message was already handed over: a failed QUIT loses nothing.
                }
            }

            _client?.Dispose();
            _client = null;
        }
    }
}

/// <summary>
/// Writes each message as an .eml file named after its Message-ID (for development and for a mail catcher's pickup
/// folder). Writing the same message twice overwrites one file.
/// </summary>
public sealed class PickupDirectoryEmailTransport(string directory) : IEmailTransport, IEmailSession
{
    public string Directory { get; } = directory;

    public IEmailSession OpenSession() => this;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf(message.MessageId ?? Guid.NewGuid().ToString("N"));
        var temporary = path + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await message.WriteToAsync(stream, cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Deletes the .eml file written for this Message-ID, if there is one (erasure: the folder is the app's own copy).</summary>
    public bool Delete(string messageId)
    {
        var path = PathOf(messageId);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    private string PathOf(string messageId) =>
        Path.Combine(Directory, string.Concat(messageId.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_')) + ".eml");
}
