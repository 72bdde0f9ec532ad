using Network.Directory.Organisations;
using Network.Directory.Organisations.Registering;
using Network.Directory.Organisations.UpdatingProfile;
using Network.Directory.Organisations.Verifying;
using Network.Platform.Auth;
using Network.Platform.Http;
using Xunit;
using static Network.Tests.Specification;

namespace Network.Tests.Directory;

/// <summary>Given these events, when this command, then these events (or this rule violation).</summary>
public class OrganisationSpecifications
{
    static readonly Guid Id = Guid.Parse("0190a000-0000-7000-8000-000000000001");
    static readonly Actor Staff = new("staff-1", "Sam Staff");
    static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(1));

    static readonly OrganisationRegistered Registered = new(
        Id, "Afrika Forum Bonn", OrganisationKind.MigrantOrganisation, "05314000", "Development work from Bonn", "member-1", Now);

    [Fact]
    public void Registering_a_valid_organisation_records_it_as_registered_in_its_municipality()
    {
        var registered = RegisterOrganisation.Decide(Id,
            new("  Afrika Forum Bonn ", OrganisationKind.MigrantOrganisation, "05314000", "Development work from Bonn"), Staff, Now);

        Assert.Equal(new OrganisationRegistered(Id, "Afrika Forum Bonn", OrganisationKind.MigrantOrganisation, "05314000",
            "Development work from Bonn", "staff-1", Now, OrganisationDetails.Empty), registered);
        var state = Given<Organisation>(registered);
        Assert.Equal(VerificationState.Pending, state.Verification);
        Assert.Equal("Nordrhein-Westfalen", state.FederalState);
    }

    [Theory]
    [InlineData("", "05314000", "name")]
    [InlineData("Name", "5314000", "municipalityAgs")]
    [InlineData("Name", "99314000", "municipalityAgs")]
    [InlineData("Name", "0531400X", "municipalityAgs")]
    public void Registering_with_a_bad_field_names_that_field(string name, string ags, string field)
    {
        var error = Assert.Throws<RequestValidationException>(() =>
            RegisterOrganisation.Decide(Id, new(name, OrganisationKind.OneWorldGroup, ags, "About us"), Staff, Now));
        Assert.Contains(field, error.Errors.Keys);
    }

    [Fact]
    public void Registering_without_a_kind_or_with_an_over_long_name_is_rejected_with_both_fields()
    {
        var error = Assert.Throws<RequestValidationException>(() =>
            RegisterOrganisation.Decide(Id, new(new string('x', 201), null, "05314000", "About us"), Staff, Now));
        Assert.Equal(["kind", "name"], error.Errors.Keys.Order());
    }

    [Fact]
    public void Updating_the_profile_records_the_new_name_and_description()
    {
        var events = UpdateOrganisationProfile.Decide(Given<Organisation>(Registered), new("Afrika Forum Bonn e.V.", "New text"), Staff, Now);

        var updated = Assert.IsType<OrganisationProfileUpdated>(Assert.Single(events));
        Assert.Equal(("Afrika Forum Bonn e.V.", "New text"), (updated.Name, updated.ShortDescription));
        Assert.Equal("Afrika Forum Bonn e.V.", Given<Organisation>(Registered, updated).Name);
    }

    [Fact]
    public void Updating_the_profile_to_what_it_already_is_records_nothing()
    {
        Assert.Empty(UpdateOrganisationProfile.Decide(Given<Organisation>(Registered), new(Registered.Name, Registered.ShortDescription), Staff, Now));
    }

    [Fact]
    public void Verifying_a_pending_organisation_makes_it_verified()
    {
        var events = VerifyOrganisation.Decide(Given<Organisation>(Registered), Staff, Now);

        Assert.Equal(new OrganisationVerified(Id, "staff-1", Now), Assert.Single(events));
        Assert.True(Given<Organisation>(Registered, events[0]).IsPublic);
    }

    [Fact]
    public void Verifying_twice_breaks_a_rule()
    {
        var verified = Given<Organisation>(Registered, new OrganisationVerified(Id, "staff-1", Now));

        var violation = Assert.Throws<DomainRuleViolation>(() => VerifyOrganisation.Decide(verified, Staff, Now));
        Assert.Equal(409, violation.Status);
    }
}
