namespace Engagement.Domain.Feedback;

/// <summary>Server-side limits on what a person can send; the forms and the database use the same numbers.</summary>
public static class FeedbackLimits
{
    public const int TextMaxLength = 5000;
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 320;

    /// <summary>The note recorded with a flag (safeguarding, complaint, not for publication).</summary>
    public const int FlagNoteMaxLength = 2000;

    /// <summary>An internal staff note on an item.</summary>
    public const int NoteMaxLength = 4000;
}
