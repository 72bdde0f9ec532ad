using Network.Platform.Text;
namespace Network.Directory.Organisations;

/// <summary>
/// The profile beyond name, kind, municipality and teaser, carried whole by the events that set it (so an event
/// says what the profile became, and history can tell what changed by comparing two of them).
/// </summary>
/// <param name="Description">The long description, language-tagged (optional; the short description is the required teaser).</param>
/// <param name="Countries">Countries of origin / partner countries, ISO 3166-1 alpha-2, upper case.</param>
/// <param name="Themes">Keys of the theme vocabulary, kebab-case.</param>
/// <param name="Languages">ISO 639-1, lower case.</param>
/// <param name="Sdgs">Sustainable Development Goals 1..17.</param>
/// <param name="ContactVisibility">
/// Who sees <paramref name="ContactEmail"/> among those who see the organisation: everybody (Public), signed-in
/// people (Members, the default: an organisation that did not choose is not reachable by anonymous scrapers) or staff
/// only; the organisation's own members always see it.
/// </param>
public sealed record OrganisationDetails(
    LocalizedText Description,
    PostalAddress? Address,
    string? Website,
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> Themes,
    IReadOnlyList<string> Languages,
    IReadOnlyList<int> Sdgs,
    string? ContactEmail,
    Visibility Visibility,
    Visibility ContactVisibility = Visibility.Members)
{
    public static readonly OrganisationDetails Empty = new(LocalizedText.Empty, null, null, [], [], [], [], null, Visibility.Public);

    public bool Equals(OrganisationDetails? other) =>
        other is not null && Description == other.Description && Address == other.Address && Website == other.Website &&
        Countries.SequenceEqual(other.Countries) && Themes.SequenceEqual(other.Themes) &&
        Languages.SequenceEqual(other.Languages) && Sdgs.SequenceEqual(other.Sdgs) &&
        ContactEmail == other.ContactEmail && Visibility == other.Visibility && ContactVisibility == other.ContactVisibility;

    public override int GetHashCode() => HashCode.Combine(Description, Address, Website, ContactEmail, Visibility, Countries.Count, Themes.Count);
}
