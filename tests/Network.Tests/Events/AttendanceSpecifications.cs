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

    static NetworkEvent Given(params object[] more)
    {
        var details = new EventDetails(EventKind.Training, new("Titel", "Title"), new(null, null), Start, Start.AddHours(3), "05314000", "Saal",
            null, Org, ["de"], 1, Start.AddDays(-10), Start, null, null);
        var e = NetworkEvent.Create(new EventCreated(Id, details, "staff-1", Start.AddDays(-20)));
        object[] events =
        [
            new EventPublished(Id, details, "staff-1", Start.AddDays(-20)),
            new PersonRegistered(Id, Confirmed, "ana", "Ana", Org, RegistrationStatus.Confirmed, Start.AddDays(-5)),
            new PersonRegistered(Id, Waiting, "ben", "Ben", null, RegistrationStatus.Waitlisted, Start.AddDays(-5)),
            .. more,
        ];
        foreach (var x in events) e = x switch
        {
            EventPublished p => e.Apply(p), PersonRegistered r => e.Apply(r), EventHeld h => e.Apply(h), EventCancelled c => e.Apply(c),
            AttendanceRecorded a => e.Apply(a), AttendanceWithdrawn w => e.Apply(w), EventDocumented d => e.Apply(d), _ => throw new InvalidOperationException(),
        };
        return e;
    }

    [Fact]
    public void A_confirmed_registrant_is_checked_in_once_the_event_runs_and_only_once()
    {
        var recorded = Assert.IsType<AttendanceRecorded>(Assert.Single(RecordAttendance.Decide(Given(), Confirmed, Staff, Start.AddMinutes(5))));
        Assert.Equal((Confirmed, "ana", (Guid?)Org, "staff-1"), (recorded.RegistrationId, recorded.PersonId, recorded.OrganisationId, recorded.By));
        Assert.True(Given(recorded).Registrations.Single(r => r.RegistrationId == Confirmed).Attended);
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => RecordAttendance.Decide(Given(recorded), Confirmed, Staff, Start.AddMinutes(6))).Status);
    }

    [Fact]
    public void A_check_in_made_by_mistake_is_withdrawn_once_and_can_be_made_again()
    {
        var recorded = new AttendanceRecorded(Id, Confirmed, "ana", Org, "staff-1", Start.AddMinutes(5));
        var withdrawn = Assert.IsType<AttendanceWithdrawn>(Assert.Single(WithdrawAttendance.Decide(Given(recorded), Confirmed, Staff, Start.AddMinutes(7))));
        Assert.Equal((Confirmed, "ana", "staff-1"), (withdrawn.RegistrationId, withdrawn.PersonId, withdrawn.By));
        Assert.False(Given(recorded, withdrawn).Registrations.Single(r => r.RegistrationId == Confirmed).Attended);
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => WithdrawAttendance.Decide(Given(recorded, withdrawn), Confirmed, Staff, Start.AddMinutes(8))).Status);
        Assert.Single(RecordAttendance.Decide(Given(recorded, withdrawn), Confirmed, Staff, Start.AddMinutes(9)));
    }

    [Fact]
    public void Withdrawing_is_refused_when_nothing_was_checked_in_or_the_event_is_documented()
    {
        var recorded = new AttendanceRecorded(Id, Confirmed, "ana", Org, "staff-1", Start.AddMinutes(5));
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => WithdrawAttendance.Decide(Given(), Confirmed, Staff, Start)).Status);
        Assert.Equal(404, Assert.Throws<ResourceNotFound>(() => WithdrawAttendance.Decide(Given(recorded), Guid.NewGuid(), Staff, Start)).Status);
        var documented = Given(recorded, new EventHeld(Id, "staff-1", Start.AddHours(4)), new EventDocumented(Id, "Summary", [], "staff-1", Start.AddDays(1)));
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => WithdrawAttendance.Decide(documented, Confirmed, Staff, Start.AddDays(2))).Status);
    }

    [Fact]
    public void Waiting_unknown_not_yet_started_or_cancelled_is_refused()
    {
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => RecordAttendance.Decide(Given(), Waiting, Staff, Start)).Status);
        Assert.Equal(404, Assert.Throws<ResourceNotFound>(() => RecordAttendance.Decide(Given(), Guid.NewGuid(), Staff, Start)).Status);
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => RecordAttendance.Decide(Given(), Confirmed, Staff, Start.AddHours(-2))).Status);
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => RecordAttendance.Decide(Given(new EventCancelled(Id, "x", [], "staff-1", Start)), Confirmed, Staff, Start)).Status);
        Assert.Single(RecordAttendance.Decide(Given(new EventHeld(Id, "staff-1", Start.AddHours(4))), Confirmed, Staff, Start.AddDays(1)));
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
