using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using QRCoder;

namespace Engagement.Web.Security;

/// <summary>
/// A QR code as inline SVG markup built here from QRCoder's module matrix: one path, presentation attributes only (no
/// style attribute, no script), so the strict Content-Security-Policy allows it. The encoded text never reaches the
/// markup, only black and white squares.
/// </summary>
public sealed class QrCodeSvg : IHtmlContent
{
    private readonly string _markup;

    private QrCodeSvg(string markup) => _markup = markup;

    public static QrCodeSvg For(string text, string title, string id)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var size = modules.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (modules[y][x])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
                }
            }
        }

        var encodedTitle = HtmlEncoder.Default.Encode(title);
        var encodedId = HtmlEncoder.Default.Encode(id);
        return new QrCodeSvg(
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{encodedId}\" class=\"app-qr-code\" viewBox=\"0 0 {size} {size}\" width=\"{size * 5}\" height=\"{size * 5}\" role=\"img\" aria-labelledby=\"{encodedId}-title\" shape-rendering=\"crispEdges\">" +
            $"<title id=\"{encodedId}-title\">{encodedTitle}</title>" +
            $"<rect width=\"{size}\" height=\"{size}\" fill=\"#ffffff\"/>" +
            $"<path d=\"{path}\" fill=\"#0b0c0c\"/></svg>");
    }

    public void WriteTo(TextWriter writer, HtmlEncoder encoder) => writer.Write(_markup);

    public override string ToString() => _markup;
}
