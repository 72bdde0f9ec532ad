namespace Network.Events.NetworkEvents;

public enum EventStatus { Draft, Published, Held, Documented, Cancelled }
