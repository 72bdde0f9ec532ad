namespace Network.Events.NetworkEvents;

public enum EventKind { Conference, RegionalEvent, Training, Webinar, NetworkingMeeting, AdvisorySession }
