using System.Text.RegularExpressions;

namespace Engagement.Domain.Feedback;

/// <summary>
/// The maintained list of safeguarding signal words and phrases (seeds/safeguarding-signals.txt). A match, case-insensitive
/// and on word boundaries, marks an item for urgent triage; it never decides anything else.
/// </summary>
public sealed class SafeguardingSignals
{
    private readonly Regex? _pattern;

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(1);

    public SafeguardingSignals(IEnumerable<string> lines, TimeSpan? timeout = null)
    {
        Phrases = lines
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (Phrases.Count > 0)
        {
            // Whitespace inside a phrase matches any run of whitespace; (?<!\w) and (?!\w) are word boundaries that
            // also work for phrases that start or end with punctuation.
            var alternatives = Phrases.Select(p => string.Join(@"\s+", p.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape)));
            _pattern = new Regex(
                @"(?<!\w)(?:" + string.Join("|", alternatives) + @")(?!\w)",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled,
                timeout ?? DefaultTimeout);
        }
    }

    public IReadOnlyList<string> Phrases { get; }

    public static SafeguardingSignals FromFile(string path) => new(File.ReadAllLines(path));

    /// <summary>
    /// True when a signal is found, and also when the check cannot finish in time (a starved machine): a safety check
    /// that cannot tell never fails a submission, it sends the item to urgent triage instead.
    /// </summary>
    public bool Matches(string? text)
    {
        if (_pattern is null || string.IsNullOrEmpty(text))
        {
            return false;
        }

        try
        {
            return _pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return true;
        }
    }
}
