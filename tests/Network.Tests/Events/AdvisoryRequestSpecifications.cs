using Network.Events.AdvisoryRequests;
using Network.Events.AdvisoryRequests.Assigning;
using Network.Events.AdvisoryRequests.Closing;
using Network.Events.AdvisoryRequests.Requesting;
using Network.Events.AdvisoryRequests.Scheduling;
using Network.Events.AdvisoryRequests.Triaging;
using Network.Events.AdvisoryRequests.Viewing;
using Network.Events.NetworkEvents;
using Network.Events.Organisations;
using Network.Platform.Auth;
using Network.Platform.Http;
using Xunit;

namespace Network.Tests.Events;

/// <summary>Given these events, when this command, then these events (or this rule violation).</summary>
public class AdvisoryRequestSpecifications
{
    static readonly Guid Id = Guid.Parse("0190a000-0000-7000-8000-0000000000a1");
    static readonly Actor Requester = new("member-1", "Mia Member");
    static readonly Actor Staff = new("staff-1", "Sam Staff");
    static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(1));
    static readonly DateOnly Tomorrow = new(2026, 11, 27);

    static readonly AdvisoryRequestReceived Received = new(
        Id, "Founding a local network", AdvisoryKind.Advice, "05314000", null, [Tomorrow], "We want to start a network.", Requester.Id, Now);
    static readonly AdvisoryRequestAccepted Accepted = new(Id, Staff.Id, Now);
    static readonly AdviserAssigned Assigned = new(Id, new Adviser("Ada Adviser", "staff-7"), Staff.Id, Now);
    static readonly ScheduledSession Session = new(Now.AddDays(7), Now.AddDays(7).AddHours(2), "Rathaus Bonn", "05314000", null);
    static readonly AdvisorySessionScheduled Scheduled = new(Id, Session, Staff.Id, Now);

    static AdvisoryRequest Given(params object[] events) => Specification.Given<AdvisoryRequest>(events);

    static readonly Guid EventId = Guid.Parse("0190a000-0000-7000-8000-0000000000e1");
    static readonly Guid OrganisationId = Guid.Parse("0190a000-0000-7000-8000-0000000000b1");

    static IReadOnlyList<object> Schedule(AdvisoryRequest state, ScheduleSessionRequest request) =>
        ScheduleSession.Decide(state, request, null, EventId, Staff, Now).RequestEvents;

    static RequestAdviceRequest ValidRequest => new(
        "  Founding a local network ", AdvisoryKind.Training, "14713000", [Tomorrow.AddDays(3), Tomorrow, Tomorrow], "Two days for our board.");

    [Fact]
    public void A_valid_request_is_received_with_its_requester_and_sorted_distinct_dates()
    {
        var received = RequestAdvice.Decide(Id, ValidRequest, Requester, Now);

        Assert.Equal("Founding a local network", received.Topic);
        Assert.Equal([Tomorrow, Tomorrow.AddDays(3)], received.PreferredDates);
        var state = Specification.Given<AdvisoryRequest>(received);
        Assert.Equal((AdvisoryRequestStatus.Received, "member-1", AdvisoryKind.Training), (state.Status, state.RequestedBy, state.Kind));
    }

    public static TheoryData<string, RequestAdviceRequest, string> BadRequests => new()
    {
        { "no topic", ValidRequest with { Topic = " " }, "topic" },
        { "over-long topic", ValidRequest with { Topic = new string('t', AdvisoryRules.MaxTopicLength + 1) }, "topic" },
        { "no kind", ValidRequest with { Kind = null }, "kind" },
        { "AGS too short", ValidRequest with { MunicipalityAgs = "0531400" }, "municipalityAgs" },
        { "AGS of no federal state", ValidRequest with { MunicipalityAgs = "17000000" }, "municipalityAgs" },
        { "no preferred date", ValidRequest with { PreferredDates = [] }, "preferredDates" },
        { "a date in the past", ValidRequest with { PreferredDates = [new DateOnly(2026, 11, 25)] }, "preferredDates" },
        { "eleven dates", ValidRequest with { PreferredDates = Enumerable.Range(1, 11).Select(d => Tomorrow.AddDays(d)).ToList() }, "preferredDates" },
        { "no needs", ValidRequest with { Needs = null }, "needs" },
        { "over-long needs", ValidRequest with { Needs = new string('n', AdvisoryRules.MaxTextLength + 1) }, "needs" },
        { "empty organisation id", ValidRequest with { OrganisationId = Guid.Empty }, "organisationId" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void A_request_with_a_bad_field_names_that_field(string why, RequestAdviceRequest request, string field)
    {
        var error = Assert.Throws<RequestValidationException>(() => RequestAdvice.Decide(Id, request, Requester, Now));
        Assert.True(error.Errors.ContainsKey(field), why);
    }

    [Fact]
    public void A_received_request_is_accepted_once()
    {
        var accepted = Assert.IsType<AdvisoryRequestAccepted>(Assert.Single(AcceptRequest.Decide(Given(Received), Staff, Now)));
        Assert.Equal(AdvisoryRequestStatus.Accepted, Given(Received, accepted).Status);

        Assert.Throws<DomainRuleViolation>(() => AcceptRequest.Decide(Given(Received, Accepted), Staff, Now));
    }

    [Fact]
    public void Declining_needs_a_reason_and_ends_the_request()
    {
        Assert.Contains("reason", Assert.Throws<RequestValidationException>(
            () => DeclineRequest.Decide(Given(Received), new(""), Staff, Now)).Errors.Keys);

        var declined = Assert.IsType<AdvisoryRequestDeclined>(Assert.Single(DeclineRequest.Decide(Given(Received, Accepted), new(" Out of scope "), Staff, Now)));
        var state = Given(Received, Accepted, declined);
        Assert.Equal((AdvisoryRequestStatus.Declined, "Out of scope"), (state.Status, state.DeclineReason));

        Assert.Throws<DomainRuleViolation>(() => AcceptRequest.Decide(state, Staff, Now));
        Assert.Throws<DomainRuleViolation>(() => DeclineRequest.Decide(Given(Received, Accepted, Assigned, Scheduled), new("late"), Staff, Now));
    }

    [Fact]
    public void An_adviser_is_assigned_only_after_acceptance_and_the_same_one_twice_records_nothing()
    {
        Assert.Throws<DomainRuleViolation>(() => AssignAdviser.Decide(Given(Received), new("Ada Adviser"), Staff, Now));

        var assigned = Assert.IsType<AdviserAssigned>(Assert.Single(AssignAdviser.Decide(Given(Received, Accepted), new(" Ada Adviser ", "staff-7"), Staff, Now)));
        Assert.Equal(new Adviser("Ada Adviser", "staff-7"), assigned.Adviser);
        Assert.Empty(AssignAdviser.Decide(Given(Received, Accepted, assigned), new("Ada Adviser", "staff-7"), Staff, Now));
        Assert.Contains("name", Assert.Throws<RequestValidationException>(
            () => AssignAdviser.Decide(Given(Received, Accepted), new(null), Staff, Now)).Errors.Keys);
    }

    [Fact]
    public void Scheduling_needs_an_adviser_and_records_the_session()
    {
        var request = new ScheduleSessionRequest(Session.Start, Session.End, "Rathaus Bonn", "05314000");
        Assert.Throws<DomainRuleViolation>(() => Schedule(Given(Received, Accepted), request));
        Assert.Throws<DomainRuleViolation>(() => Schedule(Given(Received), request));

        var scheduled = Assert.IsType<AdvisorySessionScheduled>(Assert.Single(Schedule(Given(Received, Accepted, Assigned), request)));
        var state = Given(Received, Accepted, Assigned, scheduled);
        Assert.Equal((AdvisoryRequestStatus.Scheduled, Session), (state.Status, state.Session));
    }

    [Fact]
    public void A_scheduled_session_may_be_rescheduled_online()
    {
        var online = new ScheduleSessionRequest(Session.Start.AddDays(1), Session.End.AddDays(1), OnlineLink: "https://meet.example.org/advice");
        var rescheduled = Assert.IsType<AdvisorySessionScheduled>(Assert.Single(
            Schedule(Given(Received, Accepted, Assigned, Scheduled), online)));
        Assert.Equal((null, "https://meet.example.org/advice"), (rescheduled.Session.Venue, rescheduled.Session.OnlineLink));
    }

    public static TheoryData<string, ScheduleSessionRequest, string> BadSessions => new()
    {
        { "no start", new(null, Now.AddDays(1), "Rathaus", "05314000"), "start" },
        { "start in the past", new(Now.AddHours(-1), Now.AddHours(1), "Rathaus", "05314000"), "start" },
        { "end before start", new(Now.AddDays(2), Now.AddDays(1), "Rathaus", "05314000"), "end" },
        { "neither venue nor link", new(Now.AddDays(1), Now.AddDays(1).AddHours(1)), "venue" },
        { "venue without municipality", new(Now.AddDays(1), Now.AddDays(1).AddHours(1), "Rathaus"), "municipalityAgs" },
        { "link that is no web address", new(Now.AddDays(1), Now.AddDays(1).AddHours(1), OnlineLink: "ftp://x"), "onlineLink" },
    };

    [Theory]
    [MemberData(nameof(BadSessions))]
    public void A_session_with_a_bad_field_names_that_field(string why, ScheduleSessionRequest request, string field)
    {
        var error = Assert.Throws<RequestValidationException>(
            () => Schedule(Given(Received, Accepted, Assigned), request));
        Assert.True(error.Errors.ContainsKey(field), why);
    }

    static readonly DateTimeOffset AfterTheSession = Session.End.AddHours(1);

    static IReadOnlyList<object> Close(AdvisoryRequest state, string summary, DateTimeOffset at) =>
        CloseRequest.Decide(state, null, new(summary), Staff, at).RequestEvents;

    [Fact]
    public void Only_a_scheduled_request_is_closed_with_its_outcome()
    {
        Assert.Throws<DomainRuleViolation>(() => Close(Given(Received, Accepted, Assigned), "Done", AfterTheSession));
        Assert.Contains("summary", Assert.Throws<RequestValidationException>(
            () => Close(Given(Received, Accepted, Assigned, Scheduled), " ", AfterTheSession)).Errors.Keys);

        var closed = Assert.IsType<AdvisoryRequestClosed>(Assert.Single(
            Close(Given(Received, Accepted, Assigned, Scheduled), "Network founded.", AfterTheSession)));
        var state = Given(Received, Accepted, Assigned, Scheduled, closed);
        Assert.Equal((AdvisoryRequestStatus.Closed, "Network founded."), (state.Status, state.OutcomeSummary));
        Assert.Throws<DomainRuleViolation>(() => Close(state, "Again", AfterTheSession));
        Assert.Throws<DomainRuleViolation>(() => Schedule(state,
            new(Session.Start, Session.End, "Rathaus", "05314000")));
    }

    [Fact]
    public void A_request_cannot_be_closed_before_its_session_has_taken_place()
    {
        var scheduled = Given(Received, Accepted, Assigned, Scheduled);

        var rightAfterScheduling = Assert.Throws<DomainRuleViolation>(() => Close(scheduled, "Network founded.", Now));
        Assert.Equal(409, rightAfterScheduling.Status);
        Assert.Contains("has not taken place yet", rightAfterScheduling.Message);
        Assert.Throws<DomainRuleViolation>(() => Close(scheduled, "Network founded.", Session.Start.AddHours(1)));

        Assert.Single(Close(scheduled, "Network founded.", Session.End));
    }

    /// <summary>The request from an organisation, scheduled: its session became this draft event.</summary>
    static (AdvisoryRequest Request, NetworkEvent Draft) ScheduledAsEvent()
    {
        var fromOrganisation = Received with { OrganisationId = OrganisationId };
        var organiser = new KnownOrganisation { Id = OrganisationId, Name = "Afrika Forum Bonn", Registered = true };
        var decision = ScheduleSession.Decide(Given(fromOrganisation, Accepted, Assigned),
            new(Session.Start, Session.End, "Rathaus Bonn", "05314000"), organiser, EventId, Staff, Now);
        return (Given([fromOrganisation, Accepted, Assigned, .. decision.RequestEvents]), Specification.Given<NetworkEvent>([.. decision.NewEventStream]));
    }

    [Fact]
    public void Closing_after_the_session_cancels_the_draft_event_it_became_and_leaves_a_published_one_to_its_own_course()
    {
        var (request, draft) = ScheduledAsEvent();

        var decision = CloseRequest.Decide(request, draft, new("Network founded."), Staff, AfterTheSession);

        Assert.IsType<AdvisoryRequestClosed>(Assert.Single(decision.RequestEvents));
        var cancelled = Assert.IsType<EventCancelled>(Assert.Single(decision.SessionEventEvents));
        Assert.Equal((EventId, (IReadOnlyList<string>)[]), (cancelled.EventId, cancelled.Registrants));
        Assert.Contains(Id.ToString(), cancelled.Reason);
        Assert.Equal(EventStatus.Cancelled, NetworkEvent.When(draft, cancelled)!.Status);

        var published = NetworkEvent.When(draft, new EventPublished(EventId, draft.Details, Staff.Id, Now))!;
        Assert.Empty(CloseRequest.Decide(request, published, new("Network founded."), Staff, AfterTheSession).SessionEventEvents);
    }

    [Fact]
    public void A_session_whose_event_was_moved_later_is_closed_only_after_the_event()
    {
        var (request, draft) = ScheduledAsEvent();
        var moved = NetworkEvent.When(draft, new EventRescheduled(EventId, Session.Start.AddDays(7), Session.End.AddDays(7),
            draft.RegistrationOpens, Session.Start.AddDays(7), [], Staff.Id, Now))!;

        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(
            () => CloseRequest.Decide(request, moved, new("Network founded."), Staff, AfterTheSession)).Status);
        Assert.Single(CloseRequest.Decide(request, moved, new("Network founded."), Staff, Session.End.AddDays(7)).RequestEvents);
    }

    [Fact]
    public void The_history_tells_each_step_with_who_and_when()
    {
        var closed = new AdvisoryRequestClosed(Id, "Network founded.", Staff.Id, Now.AddDays(8));
        var history = GetAdvisoryRequestHistory.Describe([Received, Accepted, Assigned, Scheduled, closed]);

        Assert.Equal(["Received", "Accepted", "AdviserAssigned", "Scheduled", "Closed"], history.Select(h => h.Change));
        Assert.Equal([1L, 2, 3, 4, 5], history.Select(h => h.Version));
        Assert.Equal(("member-1", Now), (history[0].By, history[0].At));
        Assert.Equal(("staff-1", Now.AddDays(8)), (history[4].By, history[4].At));
        Assert.Contains("Rathaus Bonn", history[3].Summary);
    }

    [Fact]
    public void With_an_organiser_the_session_becomes_a_draft_event_of_the_matching_kind()
    {
        var fromOrganisation = Received with { OrganisationId = OrganisationId, Kind = AdvisoryKind.Training };
        var organiser = new KnownOrganisation { Id = OrganisationId, Name = "Afrika Forum Bonn", Registered = true };
        var request = new ScheduleSessionRequest(Session.Start, Session.End, "Rathaus Bonn", "05314000", Capacity: 12);

        var decision = ScheduleSession.Decide(Given(fromOrganisation, Accepted, Assigned), request, organiser, EventId, Staff, Now);

        var created = Assert.IsType<EventCreated>(Assert.Single(decision.NewEventStream));
        Assert.Equal((EventId, EventKind.Training, OrganisationId, 12, "05314000"),
            (created.EventId, created.Details.Kind, created.Details.OrganiserId, created.Details.Capacity, created.Details.MunicipalityAgs));
        Assert.Equal((Now, Session.Start), (created.Details.RegistrationOpens, created.Details.RegistrationCloses));
        var scheduled = Assert.IsType<AdvisorySessionScheduled>(Assert.Single(decision.RequestEvents));
        Assert.Equal(EventId, scheduled.Session.EventId);

        var linked = Given(fromOrganisation, Accepted, Assigned, scheduled);
        Assert.Throws<DomainRuleViolation>(() => ScheduleSession.Decide(linked, request with { Venue = "Elsewhere" }, organiser, Guid.NewGuid(), Staff, Now));
    }

    [Fact]
    public void An_organiser_the_directory_never_told_about_is_a_409_and_without_one_only_the_session_is_recorded()
    {
        var request = new ScheduleSessionRequest(Session.Start, Session.End, OnlineLink: "https://meet.example.org/x", OrganiserId: OrganisationId);
        var violation = Assert.Throws<DomainRuleViolation>(
            () => ScheduleSession.Decide(Given(Received, Accepted, Assigned), request, null, EventId, Staff, Now));
        Assert.Equal(409, violation.Status);

        var withoutOrganiser = ScheduleSession.Decide(Given(Received, Accepted, Assigned), request with { OrganiserId = null }, null, EventId, Staff, Now);
        Assert.Empty(withoutOrganiser.NewEventStream);
        Assert.Null(Assert.IsType<AdvisorySessionScheduled>(Assert.Single(withoutOrganiser.RequestEvents)).Session.EventId);
    }
}
