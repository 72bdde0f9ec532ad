using JasperFx.Events;
using Network.Events;
using Network.Events.AdvisoryRequests;
using Xunit;
using Published = Network.Contracts.Events;

namespace Network.Tests.Events;

/// <summary>What other services learn about advisory requests, and what they do not (the requester and their free text).</summary>
public class AdvisoryIntegrationEventsSpecifications
{
    static readonly Guid Id = Guid.Parse("0190a000-0000-7000-8000-0000000000a2");
    static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(1));

    static object? Publish<T>(T data, long version) where T : notnull
    {
        var map = new IntegrationEvents();
        Assert.Contains(typeof(T), map.PublishedDomainEvents);
        return map.ToIntegrationEvent(new Event<T>(data) { Version = version });
    }

    [Fact]
    public void A_received_request_tells_topic_kind_and_municipality_but_not_who_asked_or_what_they_wrote()
    {
        var message = Assert.IsType<Published.AdvisoryRequestReceived>(Publish(new AdvisoryRequestReceived(
            Id, "Founding a network", AdvisoryKind.Training, "01002000", null, [new DateOnly(2026, 12, 1)],
            "Private details of our board", "member-42", Now), 1));

        Assert.Equal((Id, "Founding a network", "Training", "01002000", 1L, Now),
            (message.RequestId, message.Topic, message.Kind, message.MunicipalityAgs, message.Version, message.ReceivedAt));
        Assert.DoesNotContain("member-42", message.ToString());
        Assert.DoesNotContain("Private details", message.ToString());
    }

    [Fact]
    public void A_scheduled_session_tells_when_and_whether_it_is_online()
    {
        var session = new ScheduledSession(Now.AddDays(7), Now.AddDays(7).AddHours(2), null, null, "https://meet.example.org/x");
        var message = Assert.IsType<Published.AdvisoryRequestScheduled>(Publish(new AdvisorySessionScheduled(Id, session, "staff-1", Now), 4));

        Assert.Equal((session.Start, session.End, true, 4L), (message.Start, message.End, message.Online, message.Version));
    }

    [Fact]
    public void Closing_and_declining_are_both_published_as_closed_with_their_outcome()
    {
        var closed = Assert.IsType<Published.AdvisoryRequestClosed>(Publish(new AdvisoryRequestClosed(Id, "Network founded.", "staff-1", Now), 5));
        var declined = Assert.IsType<Published.AdvisoryRequestClosed>(Publish(new AdvisoryRequestDeclined(Id, "Out of scope.", "staff-1", Now), 2));

        Assert.Equal(("Completed", "Network founded."), (closed.Outcome, closed.Summary));
        Assert.Equal(("Declined", "Out of scope.", 2L), (declined.Outcome, declined.Summary, declined.Version));
    }

    [Fact]
    public void Triage_and_adviser_steps_stay_inside_the_service()
    {
        var map = new IntegrationEvents();
        Assert.Null(map.ToIntegrationEvent(new Event<AdvisoryRequestAccepted>(new(Id, "staff-1", Now)) { Version = 2 }));
        Assert.Null(map.ToIntegrationEvent(new Event<AdviserAssigned>(new(Id, new Adviser("Ada", null), "staff-1", Now)) { Version = 3 }));
    }
}
