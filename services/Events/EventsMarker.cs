namespace Network.Events;

/// <summary>A type of this assembly, for hosting the service in tests (every service's Program is global).</summary>
public sealed class EventsMarker;
