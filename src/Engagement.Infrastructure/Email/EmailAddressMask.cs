namespace Engagement.Infrastructure.Email;

/// <summary>Shows enough of an address to recognise it: "jane@example.org" becomes "j***@example.org".</summary>
public static class EmailAddressMask
{
    public static string Mask(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0)
        {
            return "***";
        }

        return address[0] + "***" + address[at..];
    }
}
