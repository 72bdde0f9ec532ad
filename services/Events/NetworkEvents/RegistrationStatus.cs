namespace Network.Events.NetworkEvents;

public enum RegistrationStatus { Confirmed, Waitlisted, Cancelled }
