namespace Network.Events.AdvisoryRequests;

/// <summary>Limits and formats shared by the advisory request use cases.</summary>
public static class AdvisoryRules
{
    public const int MaxTopicLength = 200;
    public const int MaxTextLength = 4000;
    public const int MaxReasonLength = 1000;
    public const int MaxNameLength = 200;
    public const int MaxPreferredDates = 10;

    public static bool IsWebLink(string? value) => Network.Platform.Http.WebAddresses.IsValid(value);
}
