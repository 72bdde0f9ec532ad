namespace Network.Directory.Organisations;

/// <summary>Who may see an organisation: everybody (once verified), signed-in members, or staff only.</summary>
public enum Visibility { Public, Members, Staff }
