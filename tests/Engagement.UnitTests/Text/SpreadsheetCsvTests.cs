using System.Text;
using Engagement.Infrastructure.Text;

namespace Engagement.UnitTests.Text;

public sealed class SpreadsheetCsvTests
{
    private static async Task<string> WriteAsync(params string?[] cells)
    {
        var bytes = await SpreadsheetCsv.ToBytesAsync(cells.Select((_, i) => i == 0 ? "a" : "c" + i), [cells]);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        return Encoding.UTF8.GetString(bytes[3..]);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tcmd")]
    [InlineData("\r=1")]
    public async Task A_cell_that_a_spreadsheet_would_run_is_escaped_with_an_apostrophe(string hostile)
    {
        var csv = await WriteAsync(hostile);
        var cell = csv["a\r\n".Length..].TrimEnd('\r', '\n');
        var unquoted = cell.StartsWith('"') ? cell[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : cell;
        Assert.Equal("'" + hostile, unquoted);
    }

    [Fact]
    public async Task Rows_are_rfc_4180_with_quotes_doubled_and_line_breaks_kept_inside_quotes()
    {
        var csv = await WriteAsync("plain", "with, comma", "say \"hi\"", "two\nlines", null, "Zoë");
        Assert.Equal("a,c1,c2,c3,c4,c5\r\nplain,\"with, comma\",\"say \"\"hi\"\"\",\"two\nlines\",,Zoë\r\n", csv);
    }
}
