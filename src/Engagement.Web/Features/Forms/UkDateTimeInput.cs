using Engagement.Domain.Events;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Engagement.Web.Features.Forms;

/// <summary>
/// A UK date and a UK time entered as two fields (type=date, type=time), turned into UTC. A time the clocks skip (going
/// forward on the last Sunday of March) gets a clear error under the time field; a time that happens twice (going back
/// on the last Sunday of October) is read as the second, in GMT, as <see cref="UkTime.ToUtc"/> does. Events and
/// consultations share it.
/// </summary>
public static class UkDateTimeInput
{
    public const string SkippedTimeMessage = "That time does not exist in the UK on that day because the clocks go forward. Choose another time";

    /// <summary>UTC for the date and time, or null with an error in <paramref name="modelState"/> under the field that is wrong.</summary>
    public static DateTime? ToUtc(ModelStateDictionary modelState, string dateKey, DateOnly? date, string missingDate, string timeKey, TimeOnly? time, string missingTime)
    {
        if (date is null)
        {
            modelState.AddModelError(dateKey, missingDate);
        }

        if (time is null)
        {
            modelState.AddModelError(timeKey, missingTime);
        }

        if (date is null || time is null)
        {
            return null;
        }

        var utc = UkTime.ToUtc(date.Value.ToDateTime(time.Value));
        if (utc is null)
        {
            modelState.AddModelError(timeKey, SkippedTimeMessage);
        }

        return utc;
    }

    /// <summary>The UK date and time of a stored UTC moment, for a form.</summary>
    public static (DateOnly Date, TimeOnly Time) FromUtc(DateTime utc)
    {
        var local = UkTime.FromUtc(utc);
        return (DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }
}
