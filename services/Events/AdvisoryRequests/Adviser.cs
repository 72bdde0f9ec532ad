namespace Network.Events.AdvisoryRequests;

/// <summary>Who gives the advice: a name, and the staff subject when the adviser is a staff member with an account.</summary>
public sealed record Adviser(string Name, string? Subject);
