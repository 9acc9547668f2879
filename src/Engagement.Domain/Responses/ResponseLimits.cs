namespace Engagement.Domain.Responses;

public static class ResponseLimits
{
    public const int TitleMaxLength = 200;
    public const int SummaryMaxLength = 4000;
    public const int WeDidMaxLength = 10000;
    public const int NoteMaxLength = 2000;
}
