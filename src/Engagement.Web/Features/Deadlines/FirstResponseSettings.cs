using Engagement.Domain.Calendar;
using Engagement.Domain.Feedback;

namespace Engagement.Web.Features.Deadlines;

/// <summary>
/// <c>Feedback:FirstResponseWorkingDays</c> (default 20) and <c>Calendar:BankHolidaysFile</c> (default
/// seeds/bank-holidays-england.json) make the one <see cref="FirstResponsePromise"/> that pages, the inbox, the overdue
/// email and the on-time share all use, so the promise printed on /feedback and the measure cannot disagree.
/// </summary>
public static class FirstResponseSettings
{
    public const string WorkingDaysKey = "Feedback:FirstResponseWorkingDays";
    public const string BankHolidaysFileKey = "Calendar:BankHolidaysFile";
    public const int DefaultWorkingDays = 20;

    public static IServiceCollection AddFirstResponsePromise(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(provider =>
        {
            var path = configuration[BankHolidaysFileKey] is { Length: > 0 } configured
                ? configured
                : Path.Combine(AppContext.BaseDirectory, "seeds", BankHolidayData.FileName);
            var year = WorkingDayCalendar.UkDate(provider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime).Year;
            return BankHolidayData.Load(path, year);
        });
        services.AddSingleton(provider =>
        {
            var days = configuration.GetValue(WorkingDaysKey, DefaultWorkingDays);
            if (days is < 1 or > 100)
            {
                throw new InvalidOperationException($"{WorkingDaysKey} must be a number of working days from 1 to 100 (it is {days}).");
            }

            return new FirstResponsePromise(provider.GetRequiredService<WorkingDayCalendar>(), days);
        });
        return services;
    }
}
