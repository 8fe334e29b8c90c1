namespace Medimail.Notification.Domain;

public static class NotificationKinds
{
    public const string Enrolment = "ENROLMENT";
    public const string Relaunch = "RELAUNCH";
    public const string ReceptionNotice = "RECEPTION_NOTICE";
    public const string InactivityNotice = "INACTIVITY_NOTICE";
    public const string RegistrationValidated = "REGISTRATION_VALIDATED";
    public const string RegistrationRejected = "REGISTRATION_REJECTED";
}

public static class NotificationStates
{
    public const string Queued = "QUEUED";
    public const string Sent = "SENT";
    public const string Failed = "FAILED";
}
