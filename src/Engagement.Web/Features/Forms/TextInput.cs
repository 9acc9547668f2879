namespace Engagement.Web.Features.Forms;

/// <summary>What every free-text answer must not hold: control characters other than new lines and tabs (NUL and the
/// like cannot be stored or shown safely, and nobody types them).</summary>
public static class TextInput
{
    public static bool HasControlCharacters(string? text) =>
        text is not null && text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t');

    public static string ControlCharactersMessage(string what) =>
        $"{what} contains a hidden character that cannot be saved: remove it, or type the text again";
}
