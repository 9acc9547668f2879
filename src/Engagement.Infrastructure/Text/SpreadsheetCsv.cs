using CsvHelper;

namespace Engagement.Infrastructure.Text;

/// <summary>
/// The one CSV writer for every download (RFC 4180 by CsvHelper): UTF-8 with a byte order mark so spreadsheets read
/// accents, CRLF line ends, fields quoted when they need it, and a cell that starts with =, +, -, @, a tab or a carriage
/// return escaped with an apostrophe (CsvHelper's injection escaping) so a spreadsheet never runs it as a formula.
/// <example>
/// <code>
/// await using var csv = SpreadsheetCsv.Open(Response.Body);
/// await csv.RowAsync("Name", "Email");
/// await csv.RowAsync(registration.Name, registration.Email);
/// </code>
/// </example>
/// </summary>
public sealed class SpreadsheetCsv : IAsyncDisposable
{
    private readonly CsvWriter _csv;

    // leaveOpen: the stream may be the output cache's capture stream, which must outlive the writer.
    private SpreadsheetCsv(Stream output) => _csv = CsvWriter.Create(output, Options, leaveOpen: true);

    public static CsvWriterOptions Options { get; } = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
    };

    public static SpreadsheetCsv Open(Stream output) => new(output);

    /// <summary>Writes one row (the header is the first row).</summary>
    public async Task RowAsync(params IEnumerable<string?> cells)
    {
        foreach (var cell in cells)
        {
            _csv.WriteField(cell ?? "");
        }

        await _csv.EndRecordAsync();
    }

    /// <summary>A whole small file in memory, for a download that is not streamed.</summary>
    public static async Task<byte[]> ToBytesAsync(IEnumerable<string> header, IEnumerable<IEnumerable<string?>> rows)
    {
        using var buffer = new MemoryStream();
        await using (var csv = Open(buffer))
        {
            await csv.RowAsync(header);
            foreach (var row in rows)
            {
                await csv.RowAsync(row);
            }
        }

        return buffer.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _csv.FlushAsync();
        await _csv.DisposeAsync();
    }
}
