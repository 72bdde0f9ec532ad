using System.Text.Json;
using JasperFx.Events;
using Network.Events.NetworkEvents;
using Xunit;
using Published = Network.Contracts.Events;

namespace Network.Tests.Events;

/// <summary>What the event stream tells other services: every lifecycle step and registration change, with a person named by subject only.</summary>
public class NetworkEventIntegrationEventsSpecifications
{
    static readonly Network.Events.IntegrationEvents Map = new();
    static readonly Guid Id = Guid.NewGuid(), RegistrationId = Guid.NewGuid(), Organiser = Guid.NewGuid();
    static readonly DateTimeOffset Now = new(2027, 3, 1, 10, 0, 0, TimeSpan.FromHours(1));

    static object? Publish<T>(T data, long version = 7) where T : notnull => Map.ToIntegrationEvent(new Event<T>(data) { Version = version });

    static EventDetails Details => new(EventKind.Webinar, new("Titel", "Title"), new(null, null), Now, Now.AddHours(2), null, null,
        "https://meet.example/x", Organiser, ["de"], 30, Now.AddDays(-5), Now, null, null);

    [Fact]
    public void Every_lifecycle_step_is_published_with_the_stream_version()
    {
        var published = Assert.IsType<Published.EventPublished>(Publish(new EventPublished(Id, Details, "staff-1", Now)));
        Assert.Equal((Id, "Webinar", "Title", Organiser, 30, 7L), (published.EventId, published.Kind, published.TitleEn, published.OrganiserId, published.Capacity, published.Version));

        var rescheduled = Assert.IsType<Published.EventRescheduled>(Publish(new EventRescheduled(Id, Now.AddDays(1), Now.AddDays(1).AddHours(2), Now, Now.AddDays(1), ["person-1", "person-2"], "staff-1", Now)));
        Assert.Equal(["person-1", "person-2"], rescheduled.RegisteredPersonIds);
        Assert.Equal(["person-1"], Assert.IsType<Published.EventCancelled>(Publish(new EventCancelled(Id, "Storm", ["person-1"], "staff-1", Now))).RegisteredPersonIds);
        Assert.IsType<Published.EventHeld>(Publish(new EventHeld(Id, "staff-1", Now)));
        Assert.Equal(["https://x.example/a"], Assert.IsType<Published.EventDocumented>(Publish(new EventDocumented(Id, "Done", ["https://x.example/a"], "staff-1", Now))).Links);
        Assert.Null(Publish(new EventCapacityChanged(Id, 40, "staff-1", Now)));
    }

    [Fact]
    public void Registration_changes_are_published_naming_the_person_by_subject_never_by_name()
    {
        var confirmed = Publish(new PersonRegistered(Id, RegistrationId, "person-1", "Pat Private", null, RegistrationStatus.Confirmed, Now));
        var waitlisted = Publish(new PersonRegistered(Id, RegistrationId, "person-1", "Pat Private", null, RegistrationStatus.Waitlisted, Now));

        Assert.Equal("person-1", Assert.IsType<Published.RegistrationConfirmed>(confirmed).PersonId);
        Assert.Equal("person-1", Assert.IsType<Published.RegistrationWaitlisted>(waitlisted).PersonId);
        Assert.DoesNotContain("Pat Private", JsonSerializer.Serialize(confirmed) + JsonSerializer.Serialize(waitlisted));
        Assert.Equal(RegistrationId, Assert.IsType<Published.RegistrationPromoted>(Publish(new RegistrationPromoted(Id, RegistrationId, "person-1", Now))).RegistrationId);
        Assert.Equal("person-1", Assert.IsType<Published.RegistrationCancelled>(Publish(new RegistrationCancelled(Id, RegistrationId, "person-1", "staff-1", Now))).PersonId);
    }
}
