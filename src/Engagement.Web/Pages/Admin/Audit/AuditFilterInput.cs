using Engagement.Web.Features.Audit;
using Engagement.Web.Features.Responses;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Engagement.Web.Pages.Admin.Audit;

/// <summary>The audit filters as typed in the query string (shared by the page and the CSV download).</summary>
public sealed class AuditFilterInput
{
    public string? Person { get; set; }
    public string? Action { get; set; }
    public string? RecordType { get; set; }
    public string? RecordId { get; set; }
    public DateInput From { get; set; } = new();
    public DateInput To { get; set; } = new();

    public AuditFilter Read(ModelStateDictionary modelState)
    {
        var from = From.TryRead(modelState, "Filter.From", "The start date");
        var to = To.TryRead(modelState, "Filter.To", "The end date");
        if (from is { } f && to is { } t && t < f)
        {
            modelState.AddModelError("Filter.To", "The end date must be the same as or after the start date");
        }

        return new AuditFilter(Clip(Person, 450), Clip(Action, 80), Clip(RecordType, 60), Clip(RecordId, 60), from, to);
    }

    /// <summary>The filters as a query string, for the next page and the CSV link.</summary>
    public string Query()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("Filter.Person", Person);
        Add("Filter.Action", Action);
        Add("Filter.RecordType", RecordType);
        Add("Filter.RecordId", RecordId);
        Add("Filter.From.Day", From.Day);
        Add("Filter.From.Month", From.Month);
        Add("Filter.From.Year", From.Year);
        Add("Filter.To.Day", To.Day);
        Add("Filter.To.Month", To.Month);
        Add("Filter.To.Year", To.Year);
        return string.Join('&', parts);
    }

    private static string? Clip(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().Length > max ? value.Trim()[..max] : value.Trim();
}
