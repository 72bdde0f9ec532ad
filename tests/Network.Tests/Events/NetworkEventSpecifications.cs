using Network.Events.NetworkEvents;
using Network.Events.NetworkEvents.Cancelling;
using Network.Events.NetworkEvents.ChangingCapacity;
using Network.Events.NetworkEvents.Creating;
using Network.Events.NetworkEvents.Rescheduling;
using Network.Events.Organisations;
using Network.Events.Registrations.Cancelling;
using Network.Events.Registrations.Registering;
using Network.Platform.Auth;
using Network.Platform.Http;
using Xunit;

namespace Network.Tests.Events;

/// <summary>The event's decisions as specifications: given these events, when this command, then these events (or this violation).</summary>
public class NetworkEventSpecifications
{
    static readonly Actor Staff = new("staff-1", "Sam Staff");
    static readonly DateTimeOffset Now = new(2027, 2, 1, 10, 0, 0, TimeSpan.FromHours(1));
    static readonly Guid EventId = Guid.NewGuid(), Organiser = Guid.NewGuid();

    static EventDetails Details(int capacity) => new(EventKind.Training, new("Schulung", "Training"), new(null, null),
        Now.AddDays(10), Now.AddDays(10).AddHours(6), "05314000", "Rathaus", null, Organiser, ["de"], capacity,
        Now.AddDays(-1), Now.AddDays(9), null, null);

    static EventHistory Given(params object[] events) => EventHistory.Of(events);

    static EventHistory Published(int capacity, params object[] more) =>
        Given([new EventCreated(EventId, Details(capacity), Staff.Id, Now.AddDays(-2)), new EventPublished(EventId, Details(capacity), Staff.Id, Now.AddDays(-2)), .. more]);

    // The decisions, with the lookups their handlers make answered from the given history.
    static IReadOnlyList<object> Register(EventHistory h, Actor person, DateTimeOffset at) =>
        RegisterForEvent.Decide(h.State, h.OwnOf(person.Id), Guid.NewGuid(), person, null, at);

    static IReadOnlyList<object> Cancel(EventHistory h, Guid registrationId, Actor by, bool byStaff) =>
        CancelRegistration.Decide(h.State, h.RegistrationOf(registrationId), registrationId, h.WaitingHead(h.State.Capacity - (h.State.ConfirmedCount - 1)),
            by, byStaff, Now);

    static IReadOnlyList<object> ChangeCapacityTo(EventHistory h, int capacity) =>
        ChangeCapacity.Decide(h.State, new ChangeCapacityRequest(capacity), h.WaitingHead(capacity - h.State.ConfirmedCount), Staff, Now);

    static IReadOnlyList<object> Reschedule(EventHistory h, RescheduleEventRequest request) =>
        RescheduleEvent.Decide(h.State, request, h.Registrants, Staff, Now);

    static Actor Person(int i) => new($"person-{i}", $"Person {i}");
    static PersonRegistered Registered(int i, RegistrationStatus status) =>
        new(EventId, RegistrationIdOf(i), Person(i).Id, Person(i).Name, null, status, Now);
    static Guid RegistrationIdOf(int i) => new($"00000000-0000-0000-0000-{i:000000000000}");

    [Fact]
    public void Within_capacity_a_registration_is_confirmed_beyond_it_waitlisted()
    {
        var oneLeft = Published(2, Registered(1, RegistrationStatus.Confirmed));
        var full = Published(2, Registered(1, RegistrationStatus.Confirmed), Registered(2, RegistrationStatus.Confirmed));

        Assert.Equal(RegistrationStatus.Confirmed, Assert.IsType<PersonRegistered>(Assert.Single(Register(oneLeft, Person(2), Now))).Status);
        Assert.Equal(RegistrationStatus.Waitlisted, Assert.IsType<PersonRegistered>(Assert.Single(Register(full, Person(3), Now))).Status);
    }

    [Fact]
    public void Registering_twice_outside_the_window_or_for_an_unpublished_event_is_a_conflict()
    {
        var registered = Published(5, Registered(1, RegistrationStatus.Confirmed));
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => Register(registered, Person(1), Now)).Status);
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => Register(registered, Person(2), Now.AddDays(9.5))).Status);
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => Register(registered, Person(2), Now.AddDays(-1.5))).Status);

        var cancelled = Published(5, new EventCancelled(EventId, "Storm", [], Staff.Id, Now));
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => Register(cancelled, Person(2), Now)).Status);
        var draft = Given(new EventCreated(EventId, Details(5), Staff.Id, Now));
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => Register(draft, Person(2), Now)).Status);
    }

    [Fact]
    public void After_cancelling_one_may_register_again()
    {
        var cancelled = Published(5, Registered(1, RegistrationStatus.Confirmed), new RegistrationCancelled(EventId, RegistrationIdOf(1), "person-1", "person-1", Now, RegistrationStatus.Confirmed));
        Assert.IsType<PersonRegistered>(Assert.Single(Register(cancelled, Person(1), Now)));
    }

    [Fact]
    public void One_person_registers_for_one_event_at_most_five_times_cancelled_ones_included()
    {
        object[] RegisteredAndCancelled(int times) => [.. Enumerable.Range(0, times).SelectMany(_ =>
        {
            var id = Guid.NewGuid();
            return new object[]
            {
                new PersonRegistered(EventId, id, "person-1", "Person 1", null, RegistrationStatus.Confirmed, Now),
                new RegistrationCancelled(EventId, id, "person-1", "person-1", Now, RegistrationStatus.Confirmed),
            };
        })];

        Assert.IsType<PersonRegistered>(Assert.Single(Register(Published(5, RegisteredAndCancelled(4)), Person(1), Now)));

        var refused = Assert.Throws<DomainRuleViolation>(() => Register(Published(5, RegisteredAndCancelled(5)), Person(1), Now));
        Assert.Equal((409, "Registration limit reached"), (refused.Status, refused.Title));
        Assert.IsType<PersonRegistered>(Assert.Single(Register(Published(5, RegisteredAndCancelled(5)), Person(2), Now)));
    }

    [Fact]
    public void Cancelling_a_confirmed_registration_promotes_the_first_waiting_at_once()
    {
        var full = Published(1, Registered(1, RegistrationStatus.Confirmed), Registered(2, RegistrationStatus.Waitlisted), Registered(3, RegistrationStatus.Waitlisted));

        var events = Cancel(full, RegistrationIdOf(1), Person(1), false);

        Assert.Equal([typeof(RegistrationCancelled), typeof(RegistrationPromoted)], events.Select(e => e.GetType()));
        Assert.Equal(RegistrationIdOf(2), ((RegistrationPromoted)events[1]).RegistrationId);
    }

    [Fact]
    public void Cancelling_a_waiting_registration_promotes_nobody_and_only_the_person_or_staff_may_cancel()
    {
        var full = Published(1, Registered(1, RegistrationStatus.Confirmed), Registered(2, RegistrationStatus.Waitlisted));
        Assert.IsType<RegistrationCancelled>(Assert.Single(Cancel(full, RegistrationIdOf(2), Person(2), false)));
        Assert.Equal(403, Assert.Throws<Forbidden>(() => Cancel(full, RegistrationIdOf(1), Person(2), false)).Status);
        Assert.Equal(2, Cancel(full, RegistrationIdOf(1), Staff, true).Count);
        Assert.Equal(404, Assert.Throws<ResourceNotFound>(() => Cancel(full, Guid.NewGuid(), Staff, true)).Status);
    }

    [Fact]
    public void Lowering_capacity_keeps_every_confirmed_person_and_the_list_absorbs_it()
    {
        var three = Published(3, Registered(1, RegistrationStatus.Confirmed), Registered(2, RegistrationStatus.Confirmed), Registered(3, RegistrationStatus.Confirmed), Registered(4, RegistrationStatus.Waitlisted));

        var lowered = ChangeCapacityTo(three, 1);
        Assert.IsType<EventCapacityChanged>(Assert.Single(lowered));
        var after = Published(3, [.. three.Registrations.Select((r, i) => Registered(i + 1, r.Status)), .. lowered]);
        Assert.Equal(3, after.State.ConfirmedCount);
        Assert.Equal(0, after.State.FreeSeats);
        // One more cancellation frees no seat: two confirmed still exceed the capacity of one.
        Assert.IsType<RegistrationCancelled>(Assert.Single(Cancel(after, RegistrationIdOf(1), Staff, true)));
    }

    [Fact]
    public void Raising_capacity_promotes_from_the_waiting_list_in_order()
    {
        var full = Published(1, Registered(1, RegistrationStatus.Confirmed), Registered(2, RegistrationStatus.Waitlisted), Registered(3, RegistrationStatus.Waitlisted), Registered(4, RegistrationStatus.Waitlisted));

        var events = ChangeCapacityTo(full, 3);

        Assert.Equal([RegistrationIdOf(2), RegistrationIdOf(3)], events.OfType<RegistrationPromoted>().Select(p => p.RegistrationId));
        Assert.Contains("capacity", Assert.Throws<RequestValidationException>(() => ChangeCapacityTo(full, -1)).Errors.Keys);
    }

    [Fact]
    public void Rescheduling_keeps_the_registrations_and_names_whom_to_tell()
    {
        var registered = Published(5, Registered(1, RegistrationStatus.Confirmed), Registered(2, RegistrationStatus.Confirmed),
            new RegistrationCancelled(EventId, RegistrationIdOf(2), "person-2", "person-2", Now, RegistrationStatus.Confirmed));

        var events = Reschedule(registered, new RescheduleEventRequest(Now.AddDays(20), Now.AddDays(20).AddHours(2)));

        var rescheduled = Assert.IsType<EventRescheduled>(Assert.Single(events));
        Assert.Equal(["person-1"], rescheduled.Registrants);
        var after = Published(5, Registered(1, RegistrationStatus.Confirmed), rescheduled);
        Assert.Equal(Now.AddDays(20), after.State.Start);
        Assert.Equal(1, after.State.ConfirmedCount);
        Assert.Throws<RequestValidationException>(() => Reschedule(registered, new RescheduleEventRequest(Now.AddDays(20), Now.AddDays(19))));
    }

    [Fact]
    public void The_seat_ledger_follows_registrations_cancellations_and_promotions_without_keeping_the_list()
    {
        object[] registered = [Registered(1, RegistrationStatus.Confirmed), Registered(2, RegistrationStatus.Waitlisted), Registered(3, RegistrationStatus.Waitlisted)];
        var full = Published(1, registered);
        Assert.Equal((1, 2, 0), (full.State.ConfirmedCount, full.State.WaitingCount, full.State.FreeSeats));

        var cancelledAndPromoted = Cancel(full, RegistrationIdOf(1), Person(1), false);
        var after = Published(1, [.. registered, .. cancelledAndPromoted]);
        Assert.Equal((1, 1), (after.State.ConfirmedCount, after.State.WaitingCount));
        Assert.Equal(RegistrationStatus.Confirmed, after.RegistrationOf(RegistrationIdOf(2))!.Status);
        Assert.Equal(RegistrationStatus.Cancelled, after.RegistrationOf(RegistrationIdOf(1))!.Status);

        var left = Published(1, [.. registered, .. cancelledAndPromoted, .. Cancel(after, RegistrationIdOf(3), Person(3), false)]);
        Assert.Equal((1, 0), (left.State.ConfirmedCount, left.State.WaitingCount));
        // The ledger's size does not depend on how many registered: no list in the snapshot (but the details' own short lists).
        Assert.DoesNotContain(typeof(NetworkEvent).GetProperties(), p => p.PropertyType.IsAssignableTo(typeof(System.Collections.IEnumerable))
            && p.PropertyType != typeof(string) && p.Name is not (nameof(NetworkEvent.Languages) or nameof(NetworkEvent.Themes) or nameof(NetworkEvent.Links)));
    }

    [Fact]
    public void An_event_needs_an_end_after_its_start_a_capacity_of_zero_or_more_and_a_known_organiser()
    {
        CreateEventRequest Request(DateTimeOffset end, int capacity, params string[] languages) => new(EventKind.Webinar, new("Titel", null), null,
            Now, end, null, null, "https://meet.example/x", Organiser, languages, capacity, Now.AddDays(-1), Now.AddHours(-1));

        Assert.Contains("end", Assert.Throws<RequestValidationException>(() => CreateEvent.Validate(Request(Now.AddHours(-1), 10, "de"))).Errors.Keys);
        Assert.Contains("capacity", Assert.Throws<RequestValidationException>(() => CreateEvent.Validate(Request(Now.AddHours(1), -1, "de"))).Errors.Keys);
        Assert.Contains("languages", Assert.Throws<RequestValidationException>(() => CreateEvent.Validate(Request(Now.AddHours(1), 10, "German"))).Errors.Keys);
        var details = CreateEvent.Validate(Request(Now.AddHours(1), 0, "de"));

        Assert.Equal("Unknown organiser", Assert.Throws<DomainRuleViolation>(() => CreateEvent.Decide(EventId, details, null, Staff, Now)).Title);
        Assert.IsType<EventCreated>(Assert.Single(CreateEvent.Decide(EventId, details, new KnownOrganisation { Id = Organiser, Registered = true }, Staff, Now)));
    }

    [Fact]
    public void Only_a_draft_or_published_event_can_be_cancelled()
    {
        var cancelled = Published(5, new EventCancelled(EventId, "Storm", [], Staff.Id, Now));
        Assert.Throws<DomainRuleViolation>(() => CancelEvent.Decide(cancelled.State, new CancelEventRequest("again"), [], Staff, Now));
    }
}
