namespace Network.Directory.Search;

public enum SearchSort { Relevance, Name, NameDescending, RegisteredAt, RegisteredAtDescending }
