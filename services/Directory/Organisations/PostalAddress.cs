namespace Network.Directory.Organisations;

public sealed record PostalAddress(string? Street, string? PostalCode, string? City);
