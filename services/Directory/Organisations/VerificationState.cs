namespace Network.Directory.Organisations;

public enum VerificationState { Pending, Verified, Rejected }
