using Network.Platform.Text;
using Network.Directory.Organisations;
using Network.Directory.Organisations.Registering;
using Network.Directory.Organisations.UpdatingProfile;
using Network.Directory.Vocabularies;
using Network.Platform.Auth;
using Network.Platform.Http;
using Xunit;
using static Network.Tests.Specification;

namespace Network.Tests.Directory;

/// <summary>The full profile: what is accepted, how it is normalised, what is refused and named.</summary>
public class OrganisationProfileSpecifications
{
    static readonly Guid Id = Guid.Parse("0190a000-0000-7000-8000-000000000002");
    static readonly Actor Member = new("member-1", "Mia Member");
    static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    static RegisterOrganisationRequest Full(
        IReadOnlyList<string>? countries = null, IReadOnlyList<string>? languages = null, IReadOnlyList<string>? themes = null,
        IReadOnlyList<int>? sdgs = null, string? website = "https://afrika-forum.example", string? email = "info@afrika-forum.example",
        LocalizedText? description = null, PostalAddress? address = null, Visibility? visibility = Visibility.Members,
        OrganisationKind? kind = OrganisationKind.MigrantOrganisation, string ags = "05314000") => new(
        "Afrika Forum Bonn", kind, ags, "Development work from Bonn",
        description ?? new LocalizedText("Entwicklungsarbeit aus Bonn", "Development work from Bonn"),
        address ?? new PostalAddress("Musterweg 1", "53111", "Bonn"),
        website, countries ?? ["gh", "SN", "GH"], themes ?? ["migration-and-development", "fair-trade"],
        languages ?? ["FR", "de"], sdgs ?? [17, 4, 4], email, visibility);

    static Organisation Registered(RegisterOrganisationRequest? request = null) =>
        Given<Organisation>(RegisterOrganisation.Decide(Id, request ?? Full(), Member, Now));

    [Fact]
    public void A_full_profile_is_recorded_normalised_codes_in_canonical_case_lists_sorted_without_duplicates()
    {
        var organisation = Registered();

        Assert.Equal(["GH", "SN"], organisation.Details.Countries);
        Assert.Equal(["de", "fr"], organisation.Details.Languages);
        Assert.Equal(["fair-trade", "migration-and-development"], organisation.Details.Themes);
        Assert.Equal([4, 17], organisation.Details.Sdgs);
        Assert.Equal(new LocalizedText("Entwicklungsarbeit aus Bonn", "Development work from Bonn"), organisation.Details.Description);
        Assert.Equal(new PostalAddress("Musterweg 1", "53111", "Bonn"), organisation.Details.Address);
        Assert.Equal("https://afrika-forum.example", organisation.Details.Website);
        Assert.Equal("info@afrika-forum.example", organisation.Details.ContactEmail);
        Assert.Equal(Visibility.Members, organisation.Details.Visibility);
        Assert.Equal("Nordrhein-Westfalen", organisation.FederalState);
    }

    [Fact]
    public void Only_the_teaser_is_required_the_rest_of_the_profile_may_be_left_out_and_visibility_defaults_to_public()
    {
        var organisation = Registered(new("Kieler Eine-Welt-Gruppe", OrganisationKind.OneWorldGroup, "01002000", "Fair trade in Kiel"));

        Assert.Equal(LocalizedText.Empty, organisation.Details.Description);
        Assert.Empty(organisation.Details.Countries);
        Assert.Null(organisation.Details.Website);
        Assert.Equal(Visibility.Public, organisation.Details.Visibility);
    }

    public static TheoryData<string, RegisterOrganisationRequest, string> BadProfiles => new()
    {
        { "unknown country", Full(countries: ["XX"]), "countries" },
        { "alpha-3 country", Full(countries: ["DEU"]), "countries" },
        { "alpha-3 language", Full(languages: ["deu"]), "languages" },
        { "unknown language", Full(languages: ["qq"]), "languages" },
        { "theme not in the vocabulary", Full(themes: ["astrology"]), "themes" },
        { "SDG 0", Full(sdgs: [0]), "sdgs" },
        { "SDG 18", Full(sdgs: [18]), "sdgs" },
        { "e-mail without domain", Full(email: "info@"), "contactEmail" },
        { "relative website", Full(website: "afrika-forum.example"), "website" },
        { "ftp website", Full(website: "ftp://afrika-forum.example"), "website" },
        { "over-long German description", Full(description: new(new string('d', 10_001), null)), "description.de" },
        { "over-long street", Full(address: new(new string('s', 201), null, "Bonn")), "address.street" },
        { "visibility out of range", Full(visibility: (Visibility)7), "visibility" },
        { "kind out of range", Full(kind: (OrganisationKind)99), "kind" },
        { "wrong AGS", Full(ags: "0531400"), "municipalityAgs" },
        { "too many countries", Full(countries: Countries.Entries.Take(61).Select(c => c.Code).ToList()), "countries" },
    };

    [Theory]
    [MemberData(nameof(BadProfiles))]
    public void A_bad_profile_field_is_refused_and_named(string why, RegisterOrganisationRequest request, string field)
    {
        var error = Assert.Throws<RequestValidationException>(() => RegisterOrganisation.Decide(Id, request, Member, Now));
        Assert.True(error.Errors.ContainsKey(field), $"{why}: errors for {string.Join(", ", error.Errors.Keys)}");
    }

    [Fact]
    public void Every_bad_field_is_named_at_once()
    {
        var error = Assert.Throws<RequestValidationException>(() =>
            RegisterOrganisation.Decide(Id, Full(countries: ["XX"], languages: ["deu"], sdgs: [18], email: "x"), Member, Now));
        Assert.Equal(["contactEmail", "countries", "languages", "sdgs"], error.Errors.Keys.Order());
    }

    [Fact]
    public void A_theme_staff_added_is_accepted_once_it_is_in_the_catalogue()
    {
        var request = Full(themes: ["urban-gardening"]);
        Assert.Throws<RequestValidationException>(() => RegisterOrganisation.Decide(Id, request, Member, Now));

        var registered = RegisterOrganisation.Decide(Id, request, Member, Now, new ThemeCatalogue(["urban-gardening"]));
        Assert.Equal(["urban-gardening"], registered.Details!.Themes);
    }

    [Fact]
    public void An_update_keeps_what_it_leaves_out_and_clears_what_it_sends_empty()
    {
        var current = Registered();

        var events = UpdateOrganisationProfile.Decide(current,
            new UpdateOrganisationProfileRequest("Afrika Forum Bonn e.V.", "Development work from Bonn", Countries: [], Website: ""), Member, Now);

        var after = Organisation.When(current, Assert.IsType<OrganisationProfileUpdated>(Assert.Single(events)))!;
        Assert.Equal("Afrika Forum Bonn e.V.", after.Name);
        Assert.Empty(after.Details.Countries);
        Assert.Null(after.Details.Website);
        Assert.Equal(current.Details.Languages, after.Details.Languages);
        Assert.Equal(current.Details.Themes, after.Details.Themes);
        Assert.Equal(current.Details.ContactEmail, after.Details.ContactEmail);
        Assert.Equal(Visibility.Members, after.Details.Visibility);
    }

    [Fact]
    public void An_update_that_sends_the_profile_as_it_is_records_nothing()
    {
        var current = Registered();
        Assert.Empty(UpdateOrganisationProfile.Decide(current, new UpdateOrganisationProfileRequest(
            current.Name, current.ShortDescription, current.Details.Description, current.Details.Address, current.Details.Website,
            ["SN", "gh"], current.Details.Themes, current.Details.Languages, current.Details.Sdgs, current.Details.ContactEmail, current.Details.Visibility, current.Kind), Member, Now));
    }

    [Fact]
    public void Only_staff_change_the_kind()
    {
        var current = Registered();
        var request = new UpdateOrganisationProfileRequest(current.Name, current.ShortDescription, Kind: OrganisationKind.UmbrellaOrganisation);

        var forbidden = Assert.Throws<Forbidden>(() => UpdateOrganisationProfile.Decide(current, request, Member, Now, byStaff: false));
        Assert.Equal(403, forbidden.Status);

        var events = UpdateOrganisationProfile.Decide(current, request, new Actor("staff-1", "Sam"), Now, byStaff: true);
        Assert.Equal(OrganisationKind.UmbrellaOrganisation, Organisation.When(current, events[0])!.Kind);
    }

    [Fact]
    public void A_member_sending_the_current_kind_is_no_kind_change()
    {
        var current = Registered();
        var events = UpdateOrganisationProfile.Decide(current,
            new UpdateOrganisationProfileRequest("New name", current.ShortDescription, Kind: current.Kind), Member, Now);
        Assert.Single(events);
    }

    [Fact]
    public void An_archived_organisation_changes_no_more()
    {
        var archived = Organisation.When(Registered(), new OrganisationArchived(Id, "staff-1", Now))!;

        var violation = Assert.Throws<DomainRuleViolation>(() =>
            UpdateOrganisationProfile.Decide(archived, new UpdateOrganisationProfileRequest("New name", "New text"), Member, Now));
        Assert.Equal(409, violation.Status);
    }

    [Theory]
    [InlineData("Afrika Forum Bonn", "05314000", "  afrika   FORUM bonn ", "05314000", true)]
    [InlineData("Afrika Forum Bonn", "05314000", "Afrika Forum Bonn", "14713000", false)]
    [InlineData("Afrika Forum Bonn", "05314000", "Afrika Forum Bonn e.V.", "05314000", false)]
    public void Names_are_duplicates_within_a_municipality_whatever_their_case_and_spacing(
        string name, string ags, string other, string otherAgs, bool duplicate)
    {
        Assert.Equal(duplicate, OrganisationNames.Key(name, ags) == OrganisationNames.Key(other, otherAgs));
    }

    [Fact]
    public void An_archived_organisation_releases_its_name()
    {
        var organisation = Registered();
        Assert.NotNull(organisation.NameKey);
        Assert.Null(Organisation.When(organisation, new OrganisationArchived(Id, "staff-1", Now))!.NameKey);
    }
}
