using Microsoft.AspNetCore.Mvc;

namespace Engagement.Web.Security;

/// <summary>
/// A <c>returnUrl</c> is followed only when it is a local path made of printable ASCII (anything else, such as
/// <c>/〱google.com</c>, passes <see cref="IUrlHelper.IsLocalUrl"/> but cannot be sent in a Location header): otherwise
/// the caller's default page is used.
/// </summary>
public static class ReturnUrls
{
    public const int MaxLength = 2048;

    public static string? Safe(IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.Length <= MaxLength && returnUrl.All(c => c is > ' ' and < '\x7f') && url.IsLocalUrl(returnUrl)
            ? returnUrl
            : null;
}
