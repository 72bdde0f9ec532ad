using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Network.Tests.Hosting;
using Xunit;
using Xunit.Abstractions;
using static Network.Tests.Authorisation.Caller;
using static Network.Tests.Events.NetworkEventTestSupport;

namespace Network.Tests.Authorisation;

/// <summary>
/// Every write endpoint of every service, tried through the gateway by an anonymous caller, a member of the
/// organisation concerned (A), a member of another one (B), a coordinator (acting for C, which coordinates L), staff
/// and a partner system: no caller outside a row's allowed set succeeds, each refusal is an RFC 9457 problem (401
/// without a token for the service, else 403) and nothing is stored by it.
/// </summary>
public partial class AuthorisationMatrixTests(AuthorisationMatrixFixture fixture, ITestOutputHelper output)
    : IClassFixture<AuthorisationMatrixFixture>
{
    static readonly Caller[] StaffOnly = [Staff];
    static readonly Caller[] EveryPerson = [Staff, MemberOfA, MemberOfB, Coordinator];
    static readonly Caller[] PartnerOnly = [Partner];

    /// <summary>The routes each service is reached at through the gateway.</summary>
    static readonly string DirectoryApi = "/api/directory", EventsApi = "/api/events", IdentityApi = "/api/identity";

    /// <summary>
    /// Write endpoints that everybody may call, not sent: Identity's, whose request itself carries the credential (so
    /// there is no caller to refuse), and the health probes, which answer any method (<c>ANY</c>) and change nothing.
    /// </summary>
    public static readonly IReadOnlyList<OpenEndpoint> Open =
    [
        .. new[] { "directory", "events", "forum", "identity", "knowledge", "partners" }.SelectMany(service => new OpenEndpoint[]
        {
            new("ANY", $"/api/{service}/health", "Health probe (MapHealthChecks takes any method): reports readiness, stores nothing."),
            new("ANY", $"/api/{service}/alive", "Liveness probe (MapHealthChecks takes any method): stores nothing."),
        }),
        new("POST", "/api/identity/connect/token", "OAuth token endpoint: the client's secret, the password or the code is the credential."),
        new("POST", "/api/identity/connect/authorize", "OAuth authorization endpoint: signs the person in with its own cookie and PKCE."),
        new("POST", "/api/identity/connect/userinfo", "OpenID Connect userinfo: the access token in the request is the credential."),
        new("POST", "/api/identity/connect/logout", "OpenID Connect end-session: ends the caller's own sign-in cookie."),
        new("POST", "/api/identity/account/login", "Sign-in page: the form's password is the credential (antiforgery, rate limit)."),
        new("POST", "/api/identity/account/activate", "Activation page: the mailed one-time token is the credential."),
        new("POST", "/api/identity/account/reset-password", "Password reset page: the mailed one-time token is the credential."),
        new("POST", "/api/identity/account/forgot-password", "Forgot-password page: asks for a reset mail, the same answer whether the address is known or not."),
        new("POST", "/api/identity/invitations/activation", "Activation API: the mailed one-time token is the credential."),
        new("POST", "/api/identity/password-resets", "Asks for a reset mail; answers the same whether the address is known or not."),
        new("POST", "/api/identity/password-resets/completion", "Completes a reset: the mailed one-time token is the credential."),
        new("POST", "/api/identity/authenticator", "Starts enrolling an authenticator: the e-mail and password in the body are the credential."),
        new("POST", "/api/identity/authenticator/confirmation", "Confirms the authenticator: password and one-time code in the body are the credential."),
    ];

    /// <summary>One row per write endpoint that needs authorisation: the request (real targets, valid body) and who may succeed.</summary>
    public static IReadOnlyList<MatrixRow> Matrix(MatrixTargets t)
    {
        var d = DirectoryApi;
        var ev = EventsApi;
        var id = IdentityApi;
        const string f = "/api/forum";
        const string k = "/api/knowledge";
        const string p = "/api/partners";
        var eventBody = EventBody(t.A);
        return
        [
            // Directory: organisations
            Row("POST", $"{d}/organisations/", $"{d}/organisations", Organisation("Registered"), EveryPerson),
            Row("PUT", $"{d}/organisations/{{id}}/profile", $"{d}/organisations/{t.A}/profile", Profile(t), [Staff, MemberOfA]),
            Row("POST", $"{d}/organisations/{{id}}/verification", $"{d}/organisations/{t.Pending}/verification", null, StaffOnly),
            Row("POST", $"{d}/organisations/{{id}}/rejection", $"{d}/organisations/{t.PendingToReject}/rejection", new { reason = "Statutes missing." }, StaffOnly),
            // Staff or a member acting for it: none of the callers acts for the rejected organisation.
            Row("POST", $"{d}/organisations/{{id}}/resubmission", $"{d}/organisations/{t.Rejected}/resubmission", null, StaffOnly),
            // Staff or an owner by the Directory's memberships: A's member (by token) is no owner.
            Row("POST", $"{d}/organisations/{{id}}/archive", $"{d}/organisations/{t.A}/archive", null, StaffOnly),
            Row("POST", $"{d}/organisations/out-of-sight", $"{d}/organisations/out-of-sight", Organisation("Shadow"), StaffOnly),
            Row("POST", $"{d}/organisations/{{id}}/invitations", $"{d}/organisations/{t.Shadow}/invitations", null, StaffOnly),
            Row("POST", $"{d}/organisations/claims", $"{d}/organisations/claims", new { token = t.ClaimToken }, EveryPerson),
            // Directory: people and memberships (staff, an owner, or the person themself; none of the callers is P or an owner)
            Row("POST", $"{d}/organisations/{{organisationId}}/members/", $"{d}/organisations/{t.A}/members", new { personId = t.Joining, role = "Member" }, StaffOnly),
            Row("DELETE", $"{d}/organisations/{{organisationId}}/members/{{personId}}", $"{d}/organisations/{t.A}/members/{t.P.PersonId}", null, StaffOnly),
            // Only the invited person accepts (none of the callers is the joining person; staff add directly instead).
            Row("POST", $"{d}/people/{{id}}/invitations/{{organisationId}}/acceptance", $"{d}/people/{t.Joining}/invitations/{t.A}/acceptance", null, []),
            // The person declines, staff or an owner withdraw.
            Row("DELETE", $"{d}/people/{{id}}/invitations/{{organisationId}}", $"{d}/people/{t.Joining}/invitations/{t.A}", null, StaffOnly),
            Row("POST", $"{d}/people/me", $"{d}/people/me", new { displayName = "Sam Self", email = "sam@example.org" }, EveryPerson),
            Row("POST", $"{d}/people/", $"{d}/people", new { displayName = "Kofi Mensah", email = "kofi@example.org" }, StaffOnly),
            Row("PUT", $"{d}/people/{{id}}", $"{d}/people/{t.P.PersonId}", new { displayName = "Pia Corrected", email = t.P.Email }, StaffOnly),
            Row("POST", $"{d}/people/{{id}}/consents", $"{d}/people/{t.P.PersonId}/consents", new { purpose = "forum-participation", wordingVersion = "2025-01" }, StaffOnly),
            Row("POST", $"{d}/people/{{id}}/consents/{{purpose}}/withdrawal", $"{d}/people/{t.P.PersonId}/consents/directory-contact/withdrawal", null, StaffOnly),
            Row("POST", $"{d}/people/{{id}}/erasure", $"{d}/people/{t.ToErase}/erasure", null, StaffOnly),
            // Directory: local networks (staff or the coordinating organisation; an organisation joins itself)
            Row("POST", $"{d}/local-networks/", $"{d}/local-networks", new
            {
                name = AuthorisationMatrixFixture.Unique("Netzwerk A"), municipalityAgs = "14713000", coordinatorOrganisationId = t.A,
                initiatedOn = AuthorisationMatrixFixture.DaysAgo(20),
            }, [Staff, MemberOfA]),
            Row("POST", $"{d}/local-networks/{{id}}/members", $"{d}/local-networks/{t.L}/members", new { organisationId = t.A }, [Staff, Coordinator, MemberOfA]),
            Row("DELETE", $"{d}/local-networks/{{id}}/members/{{organisationId}}", $"{d}/local-networks/{t.L}/members/{t.D}", null, [Staff, Coordinator]),
            Row("POST", $"{d}/local-networks/{{id}}/stage", $"{d}/local-networks/{t.L}/stage", Stage, [Staff, Coordinator]),
            Row("POST", $"{d}/local-networks/{{id}}/milestones", $"{d}/local-networks/{t.L}/milestones", new
            {
                on = AuthorisationMatrixFixture.DaysAgo(3), title = "First networking workshop", note = "Twelve organisations came.",
            }, [Staff, Coordinator]),
            // Directory: municipalities, partnerships, vocabularies, operations
            Row("POST", $"{d}/municipalities/", $"{d}/municipalities", new { ags = "06411000", name = "Darmstadt" }, StaffOnly),
            Row("POST", $"{d}/municipalities/{{ags}}/partnerships/", $"{d}/municipalities/{t.PartnershipAgs}/partnerships", new
            {
                partnerName = "Buikwe", partnerCountry = "UG", since = "2015-03-01", topics = new[] { "schools" }, notes = "Matrix.",
            }, StaffOnly),
            Row("POST", $"{d}/municipalities/{{ags}}/partnerships/{{id}}/end", $"{d}/municipalities/{t.PartnershipAgs}/partnerships/{t.Partnership}/end",
                new { endedOn = AuthorisationMatrixFixture.DaysAgo(2), note = "The council ended it." }, StaffOnly),
            Row("POST", $"{d}/vocabularies/themes", $"{d}/vocabularies/themes", new { key = "matrix-theme", en = "Matrix", de = "Matrix" }, StaffOnly),
            Row("POST", $"{d}/admin/integration-events/replay", $"{d}/admin/integration-events/replay?fromSequence=0", null, StaffOnly),

            // Events: events (staff) and registrations (every person; cancelling: the registrant or staff)
            Row("POST", $"{ev}/events/", $"{ev}/events", eventBody, StaffOnly),
            Row("POST", $"{ev}/events/{{id}}/publication", $"{ev}/events/{t.Draft}/publication", null, StaffOnly),
            Row("PUT", $"{ev}/events/{{id}}/schedule", $"{ev}/events/{t.E}/schedule", new
            {
                start = t.EStart, end = t.EEnd.AddHours(1), registrationOpens = t.EStart.AddHours(-3), registrationCloses = t.EEnd,
            }, StaffOnly),
            Row("POST", $"{ev}/events/{{id}}/cancellation", $"{ev}/events/{t.E}/cancellation", new { reason = "The venue burnt down." }, StaffOnly),
            Row("POST", $"{ev}/events/{{id}}/held", $"{ev}/events/{t.E}/held", null, StaffOnly),
            Row("PUT", $"{ev}/events/{{id}}/documentation", $"{ev}/events/{t.Held}/documentation", new
            {
                summary = "Forty people came.", links = new[] { "https://example.org/report" },
            }, StaffOnly),
            Row("PUT", $"{ev}/events/{{id}}/capacity", $"{ev}/events/{t.E}/capacity", new { capacity = 60 }, StaffOnly),
            Row("POST", $"{ev}/events/{{id}}/registrations", $"{ev}/events/{t.E}/registrations", new { }, EveryPerson),
            Row("DELETE", $"{ev}/events/{{id}}/registrations/{{registrationId}}", $"{ev}/events/{t.E}/registrations/{t.Registration}", null, StaffOnly),
            Row("POST", $"{ev}/events/{{id}}/attendance", $"{ev}/events/{t.E}/attendance", new { registrationId = t.Registration }, StaffOnly),
            Row("DELETE", $"{ev}/events/{{id}}/attendance/{{registrationId}}", $"{ev}/events/{t.E}/attendance/{t.CheckedIn}", null, StaffOnly),
            Row("POST", $"{ev}/calendar-feeds/mine", $"{ev}/calendar-feeds/mine", null, EveryPerson),
            // Events: advisory requests (asking for an organisation needs to act for it; triage is staff's)
            Row("POST", $"{ev}/advisory-requests/", $"{ev}/advisory-requests", AuthorisationMatrixFixture.AdviceRequest(t.A), [Staff, MemberOfA]),
            Row("POST", $"{ev}/advisory-requests/{{id}}/acceptance", $"{ev}/advisory-requests/{t.AdviceReceived}/acceptance", new { }, StaffOnly),
            Row("POST", $"{ev}/advisory-requests/{{id}}/decline", $"{ev}/advisory-requests/{t.AdviceReceived}/decline", new { reason = "Outside our remit." }, StaffOnly),
            Row("POST", $"{ev}/advisory-requests/{{id}}/adviser", $"{ev}/advisory-requests/{t.AdviceAccepted}/adviser", new { name = "Ben Adviser" }, StaffOnly),
            Row("POST", $"{ev}/advisory-requests/{{id}}/session", $"{ev}/advisory-requests/{t.AdviceAccepted}/session", AuthorisationMatrixFixture.Session(21), StaffOnly),
            Row("POST", $"{ev}/advisory-requests/{{id}}/closure", $"{ev}/advisory-requests/{t.AdviceScheduled}/closure", new { summary = "The network meets monthly." }, StaffOnly),
            Row("POST", $"{ev}/admin/integration-events/replay", $"{ev}/admin/integration-events/replay?fromSequence=0", null, StaffOnly),

            // Identity: accounts and partner systems (staff)
            Row("POST", $"{id}/invitations/", $"{id}/invitations", new { personId = t.P.PersonId, email = t.P.Email }, StaffOnly),
            Row("PUT", $"{id}/accounts/{{id}}/roles", $"{id}/accounts/{t.Account}/roles", new { roles = new[] { "staff" } }, StaffOnly),
            Row("POST", $"{id}/partners/", $"{id}/partners", new { name = "Another partner", scopes = new[] { "events" }, contactEmail = "it@another.example" }, StaffOnly),
            Row("PUT", $"{id}/partners/{{id}}/contact", $"{id}/partners/{t.PartnerToRevoke}/contact", new { contactEmail = "it@partner.example" }, StaffOnly),
            Row("DELETE", $"{id}/partners/{{id}}", $"{id}/partners/{t.PartnerToRevoke}", null, StaffOnly),
            Row("POST", $"{id}/admin/integration-events/replay", $"{id}/admin/integration-events/replay?fromSequence=0", null, StaffOnly),
            // Forum: its outbox publishes only its erasure confirmations; the replay is staff's like everywhere.
            Row("POST", "/api/forum/admin/integration-events/replay", "/api/forum/admin/integration-events/replay?fromSequence=0", null, StaffOnly),
            // Forum: boards are staff's; a network's board is moderated by its coordinators too and hidden from people outside the
            // network. Posting needs a verified organisation the Forum knows from the Directory's memberships: the callers' come
            // from their tokens only, so only staff post here. Anybody signed in who reads a post may flag it (staff is refused
            // on this one as its author, by a business rule).
            Row("POST", $"{f}/boards/", $"{f}/boards", new { name = new { de = "Neues Brett", en = "New board" } }, StaffOnly),
            Row("PUT", $"{f}/boards/{{id}}/visibility", $"{f}/boards/{t.L}/visibility", new { visibility = "Members" }, [Staff, Coordinator])
                with { HiddenFrom = "a local network's board is not shown to people outside the network" },
            Row("POST", $"{f}/boards/{{id}}/threads", $"{f}/boards/{t.ForumBoard}/threads", new { title = "Hello", body = "Hello", language = "en" }, StaffOnly),
            Row("POST", $"{f}/threads/{{id}}/posts", $"{f}/threads/{t.ForumThread}/posts", new { body = "Reply", language = "en" }, StaffOnly),
            Row("PUT", $"{f}/posts/{{id}}", $"{f}/posts/{t.ForumPost}", new { body = "Edited", language = "en" }, StaffOnly),
            Row("POST", $"{f}/posts/{{id}}/flags", $"{f}/posts/{t.ForumPost}/flags", new { reason = "Spam" }, EveryPerson),
            Row("POST", $"{f}/posts/{{id}}/hiding", $"{f}/posts/{t.ForumPost}/hiding", new { reason = "Spam" }, StaffOnly),
            Row("POST", $"{f}/posts/{{id}}/unhiding", $"{f}/posts/{t.ForumPost}/unhiding", new { reason = "Fine" }, StaffOnly),
            Row("POST", $"{f}/threads/{{id}}/lock", $"{f}/threads/{t.ForumThread}/lock", new { reason = "Closed" }, StaffOnly),
            Row("POST", $"{f}/threads/{{id}}/unlock", $"{f}/threads/{t.ForumThread}/unlock", new { reason = "Open" }, StaffOnly),
            // Following and notifications: every person for themself.
            Row("PUT", $"{f}/boards/{{id}}/following", $"{f}/boards/{t.ForumBoard}/following", null, EveryPerson),
            Row("DELETE", $"{f}/boards/{{id}}/following", $"{f}/boards/{t.ForumBoard}/following", null, EveryPerson),
            Row("PUT", $"{f}/threads/{{id}}/following", $"{f}/threads/{t.ForumThread}/following", null, EveryPerson),
            Row("DELETE", $"{f}/threads/{{id}}/following", $"{f}/threads/{t.ForumThread}/following", null, EveryPerson),
            Row("POST", $"{f}/notifications/mine/read", $"{f}/notifications/mine/read", null, EveryPerson),
            Row("PUT", $"{f}/notifications/mine/digest", $"{f}/notifications/mine/digest", new { frequency = "Weekly" }, EveryPerson),
            Row("POST", $"{f}/threads/{{id}}/promotion", $"{f}/threads/{t.ForumThread}/promotion", new { summary = "It works.", language = "en" }, StaffOnly),
            Row("POST", $"{f}/threads/{{id}}/move", $"{f}/threads/{t.ForumThread}/move", new { boardId = t.ForumOtherBoard, reason = "Better there" }, StaffOnly),
            // Knowledge: staff, or members of the item's organisation, draft, revise, submit and comment (an unpublished item is
            // hidden from everybody else); staff review, publish and archive.
            Row("POST", $"{k}/items/", $"{k}/items", new { type = "GoodPractice", organisationId = t.A, content = AuthorisationMatrixFixture.KnowledgeContent("Neu") }, [Staff, MemberOfA]),
            Row("PUT", $"{k}/items/{{id}}/content", $"{k}/items/{t.KnowledgeDraft}/content", AuthorisationMatrixFixture.KnowledgeContent("Überarbeitet"), [Staff, MemberOfA])
                with { HiddenFrom = UnpublishedItem },
            Row("POST", $"{k}/items/{{id}}/submission", $"{k}/items/{t.KnowledgeDraft}/submission", null, [Staff, MemberOfA]) with { HiddenFrom = UnpublishedItem },
            Row("POST", $"{k}/items/{{id}}/comments", $"{k}/items/{t.KnowledgeSubmitted}/comments", new { comment = "Bitte ergänzen." }, [Staff, MemberOfA])
                with { HiddenFrom = UnpublishedItem },
            // The file upload checks who may before it looks at the body (this row's body is no PDF: refusals must not be 415s).
            Row("PUT", $"{k}/items/{{id}}/file", $"{k}/items/{t.KnowledgePublication}/file", null, [Staff, MemberOfA]) with { HiddenFrom = UnpublishedItem },
            Row("POST", $"{k}/items/{{id}}/review", $"{k}/items/{t.KnowledgeSubmitted}/review", null, StaffOnly),
            Row("POST", $"{k}/items/{{id}}/change-requests", $"{k}/items/{t.KnowledgeInReview}/change-requests", new { revision = 1, reason = "Mehr Ergebnisse." }, StaffOnly),
            Row("POST", $"{k}/items/{{id}}/publication", $"{k}/items/{t.KnowledgeInReview}/publication", new { revision = 1 }, StaffOnly),
            Row("POST", $"{k}/items/{{id}}/archival", $"{k}/items/{t.KnowledgePublished}/archival", new { reason = "Veraltet." }, StaffOnly),
            Row("POST", $"{k}/admin/integration-events/replay", $"{k}/admin/integration-events/replay?fromSequence=0", null, StaffOnly),
            // Partners: a partner system manages its own webhook subscriptions (another partner's is not found); people and staff
            // have no subscriptions. The subscription is paused: nothing is sent while the matrix runs.
            Row("POST", $"{p}/subscriptions/", $"{p}/subscriptions", new { url = "http://127.0.0.1:9/other", eventTypes = new[] { "*" } }, PartnerOnly),
            Row("POST", $"{p}/subscriptions/{{id}}/pause", $"{p}/subscriptions/{t.PartnerSubscription}/pause", null, PartnerOnly),
            Row("POST", $"{p}/subscriptions/{{id}}/resume", $"{p}/subscriptions/{t.PartnerSubscription}/resume", null, PartnerOnly),
            Row("POST", $"{p}/subscriptions/{{id}}/secret-rotation", $"{p}/subscriptions/{t.PartnerSubscription}/secret-rotation", null, PartnerOnly),
            Row("DELETE", $"{p}/subscriptions/{{id}}", $"{p}/subscriptions/{t.PartnerSubscription}", null, PartnerOnly),
            Row("POST", $"{p}/subscriptions/{{id}}/deliveries/{{deliveryId}}/redelivery",
                $"{p}/subscriptions/{t.PartnerSubscription}/deliveries/{t.PartnerDelivery}/redelivery", null, PartnerOnly),
            Row("POST", $"{p}/subscriptions/{{id}}/redeliveries", $"{p}/subscriptions/{t.PartnerSubscription}/redeliveries",
                new { since = DateTimeOffset.UtcNow.AddDays(-1) }, PartnerOnly),
            // Its outbox publishes only that it disabled a subscription (for Identity to tell the partner's contact).
            Row("POST", $"{p}/admin/integration-events/replay", $"{p}/admin/integration-events/replay?fromSequence=0", null, StaffOnly),
            // The partner's own broker user on the partner exchange (nobody else has one).
            Row("POST", $"{p}/amqp-credentials/", $"{p}/amqp-credentials", null, PartnerOnly),
            Row("DELETE", $"{p}/amqp-credentials/", $"{p}/amqp-credentials", null, PartnerOnly),
        ];
    }

    const string UnpublishedItem = "an item that is not published is hidden from everybody but its organisation and staff";

    static MatrixRow Row(string method, string route, string path, object? body, Caller[] allowed) =>
        new(method, route, path, body, allowed.ToHashSet());

    static object Organisation(string name) => new
    {
        name = AuthorisationMatrixFixture.Unique(name), kind = "MigrantOrganisation", municipalityAgs = "14713000",
        shortDescription = "Registered by the matrix.",
    };

    static object Profile(MatrixTargets t) => new { name = t.AName, shortDescription = "Migrant self-organisation in Leipzig, now with a choir." };

    static readonly object Stage = new { stage = "ActorInventory", on = AuthorisationMatrixFixture.DaysAgo(2), note = "We listed the actors." };

    IReadOnlyList<MatrixRow> Rows => Matrix(fixture.Targets);

    [Fact]
    public void Every_write_endpoint_of_every_service_has_a_row_and_no_row_is_stale()
    {
        var network = fixture.Network;
        IReadOnlyList<(string Prefix, IServiceProvider Services)> services =
        [
            (DirectoryApi, network.Directory.Services), (EventsApi, network.Events.Services),
            ("/api/forum", network.Forum.Services), (IdentityApi, network.Identity.Service.Services),
            ("/api/knowledge", network.Knowledge.Services), ("/api/partners", network.Partners.Services),
        ];
        var mapped = services.SelectMany(s => WriteEndpoints(s.Prefix, s.Services)).ToHashSet();
        var listed = Rows.Select(r => (r.Method, Normalised(r.Route))).Concat(Open.Select(o => (o.Method, Normalised(o.Route)))).ToList();

        var missing = mapped.Except(listed).Select(e => $"{e.Item1} {e.Item2} has no row in the matrix (neither checked nor open)").ToList();
        var stale = listed.Except(mapped).Select(e => $"{e.Item1} {e.Item2} is in the matrix but no service maps it").ToList();
        var twice = listed.GroupBy(e => e).Where(g => g.Count() > 1).Select(g => $"{g.Key.Item1} {g.Key.Item2} has {g.Count()} rows").ToList();
        var misaddressed = Rows.Where(r => !RouteRegex(r.Route).IsMatch(r.Path.Split('?')[0]))
            .Select(r => $"{r.Method} {r.Path} does not reach its route {r.Route}").ToList();

        var problems = missing.Concat(stale).Concat(twice).Concat(misaddressed).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // Some endpoints of each service must have been found, or the enumeration itself is broken.
        Assert.Contains(("PUT", Normalised($"{DirectoryApi}/organisations/{{id}}/profile")), mapped);
        Assert.Contains(("POST", Normalised($"{EventsApi}/events/{{id}}/registrations")), mapped);
        Assert.Contains(("POST", Normalised($"{IdentityApi}/connect/token")), mapped);
    }

    [Fact]
    public async Task No_caller_outside_a_rows_allowed_set_succeeds_and_each_refusal_is_a_problem_that_stores_nothing()
    {
        var databases = fixture.Databases;
        await DatabaseStates.SettleAsync(databases); // what an earlier test of this class did has reached every service
        var clients = AuthorisationMatrixFixture.Callers.ToDictionary(c => c, fixture.Client);
        var rows = Rows;
        var expectedCases = rows.Sum(r => AuthorisationMatrixFixture.Callers.Count(c => !r.Allowed.Contains(c)));

        var violations = new List<string>();
        var sent = 0;
        var before = await DatabaseStates.ReadAsync(databases);
        foreach (var row in rows)
            foreach (var caller in AuthorisationMatrixFixture.Callers.Where(c => !row.Allowed.Contains(c)))
            {
                using var response = await clients[caller].SendAsync(Request(row));
                sent++;
                var body = await response.Content.ReadAsStringAsync();
                var after = await DatabaseStates.ReadAsync(databases);
                var found = new List<string>();
                if (response.IsSuccessStatusCode)
                    found.Add($"succeeded: {(int)response.StatusCode} {Shorten(body)}");
                else
                {
                    var expected = ExpectedRefusal(row, caller);
                    if (!expected.Contains(response.StatusCode))
                        found.Add($"answered {(int)response.StatusCode}, expected {string.Join(" or ", expected.Select(s => (int)s))}: {Shorten(body)}");
                    if (WhyNotAProblem(response, body) is { } notAProblem)
                        found.Add($"refusal {(int)response.StatusCode} is not a problem response: {notAProblem}");
                }
                var stored = DatabaseStates.Changes(before, after);
                if (stored.Count > 0) found.Add("stored: " + string.Join(", ", stored));

                violations.AddRange(found.Select(f => $"{row.Method} {row.Route} x {caller}: {f}"));
                if (found.Count > 0 && (response.IsSuccessStatusCode || stored.Count > 0))
                {
                    // What it set off (integration events) must not be blamed on the next request.
                    await DatabaseStates.SettleAsync(databases);
                    after = await DatabaseStates.ReadAsync(databases);
                }
                before = after;
            }

        output.WriteLine($"{rows.Count} checked rows, {Open.Count} open endpoints; {sent} refused cases sent; {violations.Count} violations.");
        Assert.Equal(expectedCases, sent);
        Assert.True(violations.Count == 0, $"{violations.Count} violations in {sent} refused cases:\n" + string.Join("\n", violations));
    }

    /// <summary>
    /// The allowed callers of representative rows succeed with exactly the row's request: the fixture's targets are
    /// real and the bodies valid, so the other callers' refusals were the authorisation's.
    /// </summary>
    [Theory]
    [InlineData("PUT", "/api/directory/organisations/{id}/profile", MemberOfA)]
    [InlineData("POST", "/api/directory/local-networks/{id}/stage", Coordinator)]
    [InlineData("POST", "/api/directory/local-networks/{id}/members", MemberOfA)]
    [InlineData("POST", "/api/directory/organisations/{id}/verification", Staff)]
    [InlineData("POST", "/api/events/events/{id}/registrations", MemberOfB)]
    [InlineData("POST", "/api/events/advisory-requests/", MemberOfA)]
    public async Task The_allowed_caller_of_a_representative_row_succeeds(string method, string route, Caller caller)
    {
        var row = Rows.Single(r => r.Method == method && r.Route == route);
        Assert.Contains(caller, row.Allowed);
        using var response = await fixture.Client(caller).SendAsync(Request(row));
        await response.AssertSuccess();
        await DatabaseStates.SettleAsync(fixture.Databases);
    }

    /// <summary>401 without a token this service accepts (anonymous; a partner's token has no audience for Identity), else 403.</summary>
    IReadOnlyList<HttpStatusCode> ExpectedRefusal(MatrixRow row, Caller caller)
    {
        if (!fixture.Audiences(caller).Contains(row.Service)) return [HttpStatusCode.Unauthorized];
        return row.HiddenFrom is null ? [HttpStatusCode.Forbidden] : [HttpStatusCode.Forbidden, HttpStatusCode.NotFound];
    }

    /// <summary>Null for an RFC 9457 problem: application/problem+json whose status member is the response's status, with a title.</summary>
    static string? WhyNotAProblem(HttpResponseMessage response, string body)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"content type {response.Content.Headers.ContentType?.MediaType ?? "none"}, body '{Shorten(body)}'";
        try
        {
            var problem = JsonDocument.Parse(body).RootElement;
            if (!problem.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Number || status.GetInt32() != (int)response.StatusCode)
                return $"status member missing or not {(int)response.StatusCode}: {Shorten(body)}";
            if (!problem.TryGetProperty("title", out var title) || string.IsNullOrWhiteSpace(title.GetString()))
                return $"no title: {Shorten(body)}";
            return null;
        }
        catch (JsonException)
        {
            return $"body is not JSON: '{Shorten(body)}'";
        }
    }

    static HttpRequestMessage Request(MatrixRow row) => new(new HttpMethod(row.Method), row.Path)
    {
        Content = row.Body is null ? null : new StringContent(JsonSerializer.Serialize(row.Body, HttpAssertions.Json), Encoding.UTF8, "application/json"),
    };

    static readonly string[] WriteMethods = [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];

    /// <summary>A service's POST/PUT/PATCH/DELETE routes from its route table; a route that takes any method is listed as ANY.</summary>
    static IEnumerable<(string, string)> WriteEndpoints(string prefix, IServiceProvider services) =>
        RouteTable.Endpoints(prefix, services)
            .SelectMany(e =>
                (e.Endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                .Where(method => method == "ANY" || WriteMethods.Contains(method, StringComparer.OrdinalIgnoreCase))
                .Select(method => (method.ToUpperInvariant(), e.Route)));

    static string Normalised(string route) => RouteTable.Normalised(route);

    static Regex RouteRegex(string route) =>
        new("^" + string.Join("/", Normalised(route).Split('/').Select(s => s == "{}" ? "[^/]+" : Regex.Escape(s))) + "/?$");

    static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "...";
}
