namespace Network.Events.AdvisoryRequests;

/// <summary>Free advice (a consultation) or a training for the requester's people.</summary>
public enum AdvisoryKind { Advice, Training }
