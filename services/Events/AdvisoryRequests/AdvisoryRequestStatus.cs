namespace Network.Events.AdvisoryRequests;

/// <summary>Received -> Accepted (adviser assigned) -> Scheduled -> Closed, or Received/Accepted -> Declined.</summary>
public enum AdvisoryRequestStatus { Received, Accepted, Declined, Scheduled, Closed }
