namespace Network.Directory.Organisations;

/// <summary>How organisation names are compared for duplicates within a municipality.</summary>
public static class OrganisationNames
{
    public static string Normalise(string name) =>
        string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    public static string Key(string name, string municipalityAgs) => $"{municipalityAgs}|{Normalise(name)}";
}
