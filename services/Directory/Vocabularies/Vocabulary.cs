namespace Network.Directory.Vocabularies;

/// <summary>One term of a code list: its code and its names in English and German.</summary>
public sealed record VocabularyEntry(string Code, string En, string De);
