using Network.Platform.Time;
using Network.Directory.Municipalities;
using Network.Directory.Municipalities.Adding;
using Network.Directory.Municipalities.Partnerships;
using Network.Directory.Municipalities.Partnerships.Ending;
using Network.Directory.Municipalities.Partnerships.Recording;
using Network.Platform.Auth;
using Network.Platform.Http;
using Xunit;
using static Network.Tests.Specification;

namespace Network.Tests.Directory;

/// <summary>Municipalities and their North-South partnerships: given these events, when this command, then these events (or this error).</summary>
public class MunicipalitySpecifications
{
    static readonly Actor Staff = new("staff-1", "Sam Staff");
    static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(1));
    static readonly Municipality Bonn = new("05314000", "Bonn", "Nordrhein-Westfalen", true);
    static readonly Guid PartnershipId = Guid.Parse("0190a000-0000-7000-8000-0000000000aa");

    [Fact]
    public void There_are_sixteen_federal_states_coded_01_to_16_and_every_AGS_names_its_state()
    {
        Assert.Equal(16, FederalStates.All.Count);
        Assert.Equal(Enumerable.Range(1, 16).Select(i => i.ToString("00")), FederalStates.All.Select(s => s.Code));
        Assert.Equal("Schleswig-Holstein", Ags.FederalState("01002000"));
        Assert.Equal("Bayern", Ags.FederalState("09162000"));
        Assert.Equal("Sachsen", Ags.FederalState("14713000"));
        Assert.Equal("Thüringen", FederalStates.NameOf("16"));
    }

    [Fact]
    public void A_municipality_stream_id_is_derived_from_its_AGS_alone()
    {
        Assert.Equal(MunicipalityStreams.StreamId("05314000"), MunicipalityStreams.StreamId("05314000"));
        Assert.NotEqual(MunicipalityStreams.StreamId("05314000"), MunicipalityStreams.StreamId("05358008"));
        Assert.Throws<ArgumentException>(() => MunicipalityStreams.StreamId("5314000"));
    }

    [Fact]
    public void Adding_a_municipality_records_its_federal_state_from_the_AGS()
    {
        var added = AddMunicipality.Decide(null, new("06411000", "  Darmstadt "), isPilot: false, Staff, Now);

        Assert.Equal(new MunicipalityAdded("06411000", "Darmstadt", "Hessen", false, "staff-1", Now), added);
        var municipality = Municipality.Create(added);
        Assert.Equal("06", municipality.FederalStateCode);
    }

    [Theory]
    [InlineData("0531400", "ags")]     // seven digits
    [InlineData("0531400X", "ags")]    // not a number
    [InlineData("17000000", "ags")]    // no federal state 17
    [InlineData("00000000", "ags")]    // no federal state 00
    [InlineData("", "ags")]
    public void Adding_with_a_bad_AGS_is_a_field_error(string ags, string field)
    {
        var error = Assert.Throws<RequestValidationException>(() => AddMunicipality.Decide(null, new(ags, "Somewhere"), false, Staff, Now));
        Assert.Contains(field, error.Errors.Keys);
    }

    [Fact]
    public void Adding_without_a_name_or_with_an_over_long_one_is_a_field_error()
    {
        Assert.Contains("name", Assert.Throws<RequestValidationException>(() =>
            AddMunicipality.Decide(null, new("06411000", " "), false, Staff, Now)).Errors.Keys);
        Assert.Contains("name", Assert.Throws<RequestValidationException>(() =>
            AddMunicipality.Decide(null, new("06411000", new string('n', AddMunicipality.MaxNameLength + 1)), false, Staff, Now)).Errors.Keys);
    }

    [Fact]
    public void Adding_an_AGS_that_exists_is_a_conflict_naming_the_existing_municipality()
    {
        var violation = Assert.Throws<DomainRuleViolation>(() => AddMunicipality.Decide(Bonn, new("05314000", "Bonn again"), false, Staff, Now));
        Assert.Equal(409, violation.Status);
        Assert.Contains("Bonn", violation.Message);
    }

    [Fact]
    public void The_pilot_cities_are_the_five_of_the_brief()
    {
        Assert.Equal(
            ["05314000 Bonn", "01002000 Kiel", "14713000 Leipzig", "09162000 München", "05358008 Düren"],
            PilotMunicipalities.Cities.Select(c => $"{c.Ags} {c.Name}"));
        Assert.All(PilotMunicipalities.Cities, c => Assert.True(Ags.IsValid(c.Ags)));
    }

    static RecordPartnershipRequest Request(string name = "Cape Coast", string country = "gh", DateOnly? since = null) =>
        new(name, country, since ?? new DateOnly(2012, 5, 1), ["water", " school partnerships "], "  Started by a One World group. ");

    [Fact]
    public void Recording_a_partnership_normalises_the_country_and_trims_the_texts()
    {
        var recorded = RecordPartnership.Decide(PartnershipId, Bonn, [], Request(), Staff, Now);

        Assert.Equal("GH", recorded.PartnerCountry);
        Assert.Equal("05314000", recorded.MunicipalityAgs);
        Assert.Equal(["water", "school partnerships"], recorded.Topics);
        Assert.Equal("Started by a One World group.", recorded.Notes);
        Assert.True(Given<Partnership>(recorded).IsActive);
    }

    [Theory]
    [InlineData("Cape Coast", "XX", "partnerCountry")]  // not an ISO 3166-1 code
    [InlineData("Cape Coast", "GHA", "partnerCountry")] // alpha-3, not alpha-2
    [InlineData("Cape Coast", "DE", "partnerCountry")]  // not abroad
    [InlineData("", "GH", "partnerName")]
    public void Recording_a_partnership_with_a_bad_field_names_that_field(string name, string country, string field)
    {
        var error = Assert.Throws<RequestValidationException>(() => RecordPartnership.Decide(PartnershipId, Bonn, [], Request(name, country), Staff, Now));
        Assert.Contains(field, error.Errors.Keys);
    }

    [Fact]
    public void A_partnership_cannot_begin_in_the_future_nor_carry_over_long_notes()
    {
        var future = Assert.Throws<RequestValidationException>(() =>
            RecordPartnership.Decide(PartnershipId, Bonn, [], Request(since: new DateOnly(2026, 11, 27)), Staff, Now));
        Assert.Contains("since", future.Errors.Keys);
        var longNotes = Assert.Throws<RequestValidationException>(() => RecordPartnership.Decide(PartnershipId, Bonn, [],
            Request() with { Notes = new string('x', RecordPartnership.MaxNotesLength + 1), Topics = [new string('t', 101)] }, Staff, Now));
        Assert.Contains("notes", longNotes.Errors.Keys);
        Assert.Contains("topics", longNotes.Errors.Keys);
    }

    [Fact]
    public void A_second_active_partnership_with_the_same_partner_is_a_conflict_but_an_ended_one_does_not_block()
    {
        var existing = Given<Partnership>(
            RecordPartnership.Decide(Guid.NewGuid(), Bonn, [], Request(), Staff, Now));

        var violation = Assert.Throws<DomainRuleViolation>(() =>
            RecordPartnership.Decide(PartnershipId, Bonn, [existing], Request("CAPE COAST", "GH"), Staff, Now));
        Assert.Equal(409, violation.Status);
        Assert.Contains(existing.Id.ToString(), violation.Message);

        // The caller passes only active partnerships; with the old one ended the partner can be recorded again.
        Assert.Equal("Cape Coast", RecordPartnership.Decide(PartnershipId, Bonn, [], Request(), Staff, Now).PartnerName);
    }

    [Fact]
    public void Ending_a_partnership_records_the_day_and_ending_it_twice_is_a_conflict()
    {
        var partnership = Given<Partnership>(
            RecordPartnership.Decide(PartnershipId, Bonn, [], Request(), Staff, Now));

        var ended = Assert.IsType<PartnershipEnded>(Assert.Single(
            EndPartnership.Decide(partnership, new(new DateOnly(2025, 12, 31), "Funding ran out."), Staff, Now)));
        var after = Partnership.When(partnership, ended)!;
        Assert.False(after.IsActive);
        Assert.Equal(new DateOnly(2025, 12, 31), after.EndedOn);

        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() =>
            EndPartnership.Decide(after, new(new DateOnly(2026, 1, 1), null), Staff, Now)).Status);
    }

    [Fact]
    public void A_partnership_cannot_end_before_it_began_or_in_the_future()
    {
        var partnership = Given<Partnership>(
            RecordPartnership.Decide(PartnershipId, Bonn, [], Request(), Staff, Now));

        Assert.Contains("endedOn", Assert.Throws<RequestValidationException>(() =>
            EndPartnership.Decide(partnership, new(new DateOnly(2011, 1, 1), null), Staff, Now)).Errors.Keys);
        Assert.Contains("endedOn", Assert.Throws<RequestValidationException>(() =>
            EndPartnership.Decide(partnership, new(new DateOnly(2026, 12, 1), null), Staff, Now)).Errors.Keys);
        Assert.Contains("endedOn", Assert.Throws<RequestValidationException>(() =>
            EndPartnership.Decide(partnership, new(null, null), Staff, Now)).Errors.Keys);
    }

    [Fact]
    public void Today_is_the_calendar_day_in_Germany()
    {
        // 23:30 UTC on 31 March is already 1 April in Berlin (CEST).
        Assert.Equal(new DateOnly(2026, 4, 1), BerlinTime.Today(new DateTimeOffset(2026, 3, 31, 23, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 3, 31), BerlinTime.Today(new DateTimeOffset(2026, 3, 31, 21, 30, 0, TimeSpan.Zero)));
    }
}
