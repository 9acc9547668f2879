using System.Text;

namespace Engagement.Web.Features.Events;

/// <summary>
/// CSV (RFC 4180) that is safe to open in a spreadsheet: every cell is quoted, and a cell starting with =, +, -, @, a tab
/// or a carriage return is prefixed with an apostrophe so it is never run as a formula.
/// </summary>
public static class AttendeeCsv
{
    public static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static string Write(IEnumerable<string> header, IEnumerable<IEnumerable<string?>> rows)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(',', header.Select(Cell))).Append("\r\n");
        foreach (var row in rows)
        {
            csv.Append(string.Join(',', row.Select(Cell))).Append("\r\n");
        }

        return csv.ToString();
    }
}
