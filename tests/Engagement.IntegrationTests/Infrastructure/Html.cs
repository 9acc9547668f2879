using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Engagement.IntegrationTests.Infrastructure;

/// <summary>Reads pages with AngleSharp and posts their forms back, antiforgery token included.</summary>
public static class Html
{
    /// <summary>Parses a response, keeping its address so that forms without an action post back to it.</summary>
    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        var content = await response.Content.ReadAsStringAsync();
        var address = response.RequestMessage?.RequestUri?.ToString() ?? "https://localhost/";
        var context = BrowsingContext.New(Configuration.Default);
        return (IHtmlDocument)await context.OpenAsync(request => request.Content(content).Address(address));
    }

    public static async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (response, await ParseAsync(response));
    }

    /// <summary>
    /// Answers one page of a multi-page journey: a valid answer redirects to the next page (post-redirect-get), which
    /// is fetched; an invalid one comes back as the same page with its errors. Returns the final response and page.
    /// </summary>
    public static async Task<(HttpResponseMessage Response, IHtmlDocument Document)> SubmitAndFollowAsync(
        HttpClient client, IHtmlDocument page, Dictionary<string, string> values, string formSelector)
    {
        var response = await SubmitAsync(client, page, values, formSelector);
        for (var hops = 0; response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther && hops < 5; hops++)
        {
            response = await client.GetAsync(response.Headers.Location);
        }

        return (response, await ParseAsync(response));
    }

    /// <summary>
    /// Posts the form picked by <paramref name="formSelector"/> with its current values (hidden fields, checked boxes,
    /// text) overlaid by <paramref name="values"/>. A value list replaces every field of that name.
    /// </summary>
    public static Task<HttpResponseMessage> SubmitAsync(
        HttpClient client,
        IHtmlDocument document,
        IDictionary<string, string> values,
        string formSelector = "main form[method=post]",
        string? action = null)
    {
        var form = document.QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"No form matches '{formSelector}' on {document.Title}.");
        return SubmitAsync(client, form, values.Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value)).ToList(), action);
    }

    public static async Task<HttpResponseMessage> SubmitAsync(
        HttpClient client,
        IHtmlFormElement form,
        IList<KeyValuePair<string, string>> values,
        string? action = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            if (element is IHtmlInputElement input && !string.IsNullOrEmpty(input.Name))
            {
                if ((input.Type is "checkbox" or "radio") && !input.IsChecked)
                {
                    continue;
                }

                if (input.Type is "submit" or "button")
                {
                    continue;
                }

                fields.Add(new(input.Name, input.Value));
            }
            else if (element is IHtmlTextAreaElement textArea && !string.IsNullOrEmpty(textArea.Name))
            {
                fields.Add(new(textArea.Name, textArea.Value));
            }
            else if (element is IHtmlSelectElement select && !string.IsNullOrEmpty(select.Name) && select.SelectedOptions.Length > 0)
            {
                fields.Add(new(select.Name, select.Value ?? ""));
            }
        }

        var overridden = values.Select(v => v.Key).ToHashSet();
        fields.RemoveAll(f => overridden.Contains(f.Key));
        fields.AddRange(values);

        var target = action ?? form.GetAttribute("action");
        if (string.IsNullOrEmpty(target))
        {
            target = form.Owner?.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme != "about"
                ? uri.PathAndQuery
                : throw new InvalidOperationException("The form has no action and the document has no address: pass the action.");
        }

        return await client.PostAsync(target, new FormUrlEncodedContent(fields));
    }

    /// <summary>Antiforgery token from a page's form.</summary>
    public static string AntiforgeryToken(IHtmlDocument document) =>
        document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
        ?? throw new InvalidOperationException("The page has no antiforgery token.");

    public static IReadOnlyList<string> ErrorSummary(IHtmlDocument document) =>
        document.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.TextContent.Trim()).ToList();

    public static string Text(this IElement? element) => WebUtility.HtmlDecode(element?.TextContent.Trim() ?? "");

    /// <summary>
    /// Every GOV.UK error message beside a field is tied to a control for screen readers: its id is in the
    /// aria-describedby of a form control or fieldset on the page.
    /// </summary>
    public static void AssertErrorsDescribeTheirFields(IHtmlDocument document)
    {
        var messages = document.QuerySelectorAll(".govuk-error-message[id]").Select(e => e.Id!).ToList();
        Assert.NotEmpty(messages);
        var described = document.QuerySelectorAll("input[aria-describedby], select[aria-describedby], textarea[aria-describedby], fieldset[aria-describedby]")
            .SelectMany(e => e.GetAttribute("aria-describedby")!.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet();
        var untied = messages.Where(id => !described.Contains(id)).ToList();
        Assert.True(untied.Count == 0, "Error messages not tied to a field: " + string.Join(", ", untied));
        Assert.DoesNotContain("govuk-error-class", document.DocumentElement.OuterHtml);
    }
}
