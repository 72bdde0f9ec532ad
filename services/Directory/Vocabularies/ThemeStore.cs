using Marten;

namespace Network.Directory.Vocabularies;

/// <summary>How the themes staff add to the built-in vocabulary are stored.</summary>
public static class ThemeStore
{
    public static void Configure(StoreOptions store) => store.Schema.For<Theme>();
}
