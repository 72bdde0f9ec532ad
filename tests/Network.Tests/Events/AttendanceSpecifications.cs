using JasperFx.Events;
using Network.Events.Attendance;
using Network.Events.NetworkEvents;
using Network.Platform.Auth;
using Network.Platform.Http;
using Xunit;
using Published = Network.Contracts.Events;

namespace Network.Tests.Events;

/// <summary>The pure check-in decision and its integration event.</summary>
public class AttendanceSpecifications
{
    static readonly Guid Id = Guid.NewGuid(), Confirmed = Guid.NewGuid(), Waiting = Guid.NewGuid(), Org = Guid.NewGuid();
    static readonly DateTimeOffset Start = new(2027, 3, 1, 10, 0, 0, TimeSpan.FromHours(1));
    static readonly Actor Staff = new("staff-1", "Sam Staff");

    static EventHistory Given(params object[] more)
    {
        var details = new EventDetails(EventKind.Training, new("Titel", "Title"), new(null, null), Start, Start.AddHours(3), "05314000", "Saal",
            null, Org, ["de"], 1, Start.AddDays(-10), Start, null, null);
        return EventHistory.Of(
        [
            new EventCreated(Id, details, "staff-1", Start.AddDays(-20)),
            new EventPublished(Id, details, "staff-1", Start.AddDays(-20)),
            new PersonRegistered(Id, Confirmed, "ana", "Ana", Org, RegistrationStatus.Confirmed, Start.AddDays(-5)),
            new PersonRegistered(Id, Waiting, "ben", "Ben", null, RegistrationStatus.Waitlisted, Start.AddDays(-5)),
            .. more,
        ]);
    }

    // The decisions, with the registration their handlers look up answered from the given history.
    static IReadOnlyList<object> Record(EventHistory h, Guid registrationId, DateTimeOffset at) =>
        RecordAttendance.Decide(h.State, h.RegistrationOf(registrationId), registrationId, Staff, at);

    static IReadOnlyList<object> Withdraw(EventHistory h, Guid registrationId, DateTimeOffset at) =>
        WithdrawAttendance.Decide(h.State, h.RegistrationOf(registrationId), registrationId, Staff, at);

    [Fact]
    public void A_confirmed_registrant_is_checked_in_once_the_event_runs_and_only_once()
    {
        var recorded = Assert.IsType<AttendanceRecorded>(Assert.Single(Record(Given(), Confirmed, Start.AddMinutes(5))));
        Assert.Equal((Confirmed, "ana", (Guid?)Org, "staff-1"), (recorded.RegistrationId, recorded.PersonId, recorded.OrganisationId, recorded.By));
        Assert.True(Given(recorded).RegistrationOf(Confirmed)!.Attended);
        Assert.Equal(1, Given(recorded).State.AttendedCount);
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => Record(Given(recorded), Confirmed, Start.AddMinutes(6))).Status);
    }

    [Fact]
    public void A_check_in_made_by_mistake_is_withdrawn_once_and_can_be_made_again()
    {
        var recorded = new AttendanceRecorded(Id, Confirmed, "ana", Org, "staff-1", Start.AddMinutes(5));
        var withdrawn = Assert.IsType<AttendanceWithdrawn>(Assert.Single(Withdraw(Given(recorded), Confirmed, Start.AddMinutes(7))));
        Assert.Equal((Confirmed, "ana", "staff-1"), (withdrawn.RegistrationId, withdrawn.PersonId, withdrawn.By));
        Assert.False(Given(recorded, withdrawn).RegistrationOf(Confirmed)!.Attended);
        Assert.Equal(0, Given(recorded, withdrawn).State.AttendedCount);
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => Withdraw(Given(recorded, withdrawn), Confirmed, Start.AddMinutes(8))).Status);
        Assert.Single(Record(Given(recorded, withdrawn), Confirmed, Start.AddMinutes(9)));
    }

    [Fact]
    public void Withdrawing_is_refused_when_nothing_was_checked_in_or_the_event_is_documented()
    {
        var recorded = new AttendanceRecorded(Id, Confirmed, "ana", Org, "staff-1", Start.AddMinutes(5));
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => Withdraw(Given(), Confirmed, Start)).Status);
        Assert.Equal(404, Assert.Throws<ResourceNotFound>(() => Withdraw(Given(recorded), Guid.NewGuid(), Start)).Status);
        var documented = Given(recorded, new EventHeld(Id, "staff-1", Start.AddHours(4)), new EventDocumented(Id, "Summary", [], "staff-1", Start.AddDays(1)));
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => Withdraw(documented, Confirmed, Start.AddDays(2))).Status);
    }

    [Fact]
    public void Waiting_unknown_not_yet_started_or_cancelled_is_refused()
    {
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => Record(Given(), Waiting, Start)).Status);
        Assert.Equal(404, Assert.Throws<ResourceNotFound>(() => Record(Given(), Guid.NewGuid(), Start)).Status);
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => Record(Given(), Confirmed, Start.AddHours(-2))).Status);
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => Record(Given(new EventCancelled(Id, "x", [], "staff-1", Start)), Confirmed, Start)).Status);
        Assert.Single(Record(Given(new EventHeld(Id, "staff-1", Start.AddHours(4))), Confirmed, Start.AddDays(1)));
    }

    [Fact]
    public void Attendance_is_published_with_the_stream_version_naming_the_person_by_subject()
    {
        var published = new Network.Events.IntegrationEvents().ToIntegrationEvent(
            new Event<AttendanceRecorded>(new AttendanceRecorded(Id, Confirmed, "ana", Org, "staff-1", Start)) { Version = 9 });
        var message = Assert.IsType<Published.AttendanceRecorded>(published);
        Assert.Equal((Id, Confirmed, "ana", (Guid?)Org, 9L, Start), (message.EventId, message.RegistrationId, message.PersonId, message.OrganisationId, message.Version, message.RecordedAt));
    }

    [Fact]
    public void A_withdrawn_check_in_is_published_too()
    {
        var published = new Network.Events.IntegrationEvents().ToIntegrationEvent(
            new Event<AttendanceWithdrawn>(new AttendanceWithdrawn(Id, Confirmed, "ana", "staff-1", Start)) { Version = 10 });
        var message = Assert.IsType<Published.AttendanceWithdrawn>(published);
        Assert.Equal((Id, Confirmed, "ana", 10L, Start), (message.EventId, message.RegistrationId, message.PersonId, message.Version, message.WithdrawnAt));
    }
}
