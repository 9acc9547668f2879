namespace Engagement.Domain.Events;

public enum EventKind
{
    CoProductionWorkshop = 1,
    CareHomeProviderForum = 2,
    HomeCareProviderForum = 3,
    Other = 99,
}

public enum EventAudience
{
    Anyone = 1,
    CareHomeProviders = 2,
    HomeCareProviders = 3,
    InvitationOnly = 4,
}

public enum AttendanceMode
{
    InPerson = 1,
    Online = 2,
    Both = 3,
}

public enum RegistrationStatus
{
    Confirmed = 1,
    Waitlisted = 2,
    Cancelled = 3,
    Attended = 4,
    NoShow = 5,
}
