using Network.Platform.Text;
using JasperFx.Events;
using Network.Directory;
using Network.Directory.Organisations;
using Xunit;
using Published = Network.Contracts.Directory;

namespace Network.Tests.Directory;

/// <summary>What other services learn about organisations, and what they do not (contact e-mail, address).</summary>
public class OrganisationIntegrationEventsSpecifications
{
    static readonly Guid Id = Guid.Parse("0190a000-0000-7000-8000-000000000004");
    static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
    static readonly OrganisationDetails Details = new(
        new LocalizedText("Über uns", "About us"), new PostalAddress("Musterweg 1", "24103", "Kiel"), "https://example.org",
        ["GH"], ["fair-trade"], ["de", "en"], [12], "private@example.org", Visibility.Members);

    static object? Publish<T>(T data, long version) where T : notnull =>
        new IntegrationEvents().ToIntegrationEvent(new Event<T>(data) { Version = version });

    [Fact]
    public void A_registration_carries_the_profile_others_need_but_no_contact_details()
    {
        var message = Assert.IsType<Published.OrganisationRegistered>(Publish(new OrganisationRegistered(
            Id, "Kiel Global", OrganisationKind.OneWorldGroup, "01002000", "Teaser", "member-1", Now, Details), 1));

        Assert.Equal(("OneWorldGroup", "01002000", "Schleswig-Holstein", "Members"), (message.Kind, message.MunicipalityAgs, message.FederalState, message.Visibility));
        Assert.Equal(["GH"], message.Countries);
        Assert.Equal(["fair-trade"], message.Themes);
        Assert.Equal(["de", "en"], message.Languages);
        Assert.Equal([12], message.Sdgs);
        Assert.Equal(("Über uns", "About us"), (message.DescriptionDe, message.DescriptionEn));
        Assert.False(message.IsShadow);
        Assert.DoesNotContain("private@example.org", message.ToString());
        Assert.DoesNotContain("Musterweg", message.ToString());
    }

    [Fact]
    public void A_shadow_profile_is_published_as_a_registration_marked_as_shadow()
    {
        var message = Assert.IsType<Published.OrganisationRegistered>(Publish(new OutOfSightOrganisationRecorded(
            Id, "Kiel Global", OrganisationKind.MigrantOrganisation, "01002000", "Teaser", Details, "staff-1", Now), 1));
        Assert.True(message.IsShadow);
    }

    [Fact]
    public void A_profile_update_carries_the_kind_and_the_whole_profile_after_it()
    {
        var message = Assert.IsType<Published.OrganisationProfileUpdated>(Publish(new OrganisationProfileUpdated(
            Id, "Kiel Global e.V.", "Teaser", "staff-1", Now, Details, OrganisationKind.UmbrellaOrganisation), 4));

        Assert.Equal(("UmbrellaOrganisation", "Members", 4L), (message.Kind, message.Visibility, message.Version));
        Assert.Equal(["fair-trade"], message.Themes);
    }

    [Fact]
    public void Rejection_resubmission_archive_and_claim_are_published()
    {
        Assert.Equal(new Published.OrganisationRejected(Id, "Why", 2, Now), Publish(new OrganisationRejected(Id, "Why", "staff-1", Now), 2));
        Assert.Equal(new Published.OrganisationResubmitted(Id, 3, Now), Publish(new OrganisationResubmitted(Id, "member-1", Now), 3));
        Assert.Equal(new Published.OrganisationArchived(Id, 4, Now), Publish(new OrganisationArchived(Id, "staff-1", Now), 4));
        Assert.Equal(new Published.OrganisationClaimed(Id, 3, Now), Publish(new OrganisationClaimed(Id, Guid.NewGuid(), Guid.NewGuid(), "p", Now), 3));
        Assert.Null(Publish(new OrganisationInvitationIssued(Id, Guid.NewGuid(), Now.AddDays(14), "staff-1", Now), 2));
        var published = new IntegrationEvents().PublishedDomainEvents;
        Assert.Contains(typeof(OrganisationArchived), published);
        Assert.Contains(typeof(OutOfSightOrganisationRecorded), published);
    }
}
