using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Network.Directory.Organisations.Viewing;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.EndToEnd;

/// <summary>One trace from the HTTP request at the gateway through the event store and RabbitMQ to the consumer.</summary>
public class TracingTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    static readonly ActivitySource Caller = new("Network.Tests");

    [Fact]
    public async Task A_registration_and_its_consumption_in_the_forum_share_one_trace()
    {
        var staff = fixture.Network.Gateway.NewClient(fixture.Network.StaffToken);
        // The Directory reads the provider's keys when it checks its first token (a request to the Identity service, a
        // server span of its own in that request's trace); a platform that has been running has them, so read them
        // before the traced request (a staff-only search: answered 200, the token was checked).
        (await staff.GetAsync("/api/directory/search/organisations?verification=Pending")).EnsureSuccessStatusCode();

        ActivityTraceId traceId = default;
        var seen = new ConcurrentBag<(string Source, string Name, ActivityKind Kind)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { if (a.TraceId == traceId) seen.Add((a.Source.Name, a.DisplayName, a.Kind)); },
        };
        ActivitySource.AddActivityListener(listener);
        using var caller = Caller.StartActivity("register an organisation", ActivityKind.Client)!;
        traceId = caller.TraceId;

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/directory/organisations")
        {
            Content = JsonContent.Create(new
            {
                name = $"Traced {Guid.NewGuid():N}", kind = "OneWorldGroup", municipalityAgs = "05358008", shortDescription = "Düren",
            }),
        };
        var registered = await (await staff.SendAsync(request)).ReadAs<OrganisationResponse>(HttpStatusCode.Created);
        Assert.NotEqual(Guid.Empty, registered.Id);

        await Eventually.Until(() => Task.FromResult(seen.ToArray()),
            spans => spans.Any(s => s.Source == "MassTransit" && s.Kind == ActivityKind.Consumer),
            TimeSpan.FromSeconds(30), "the forum's consumer span in the request's trace");

        var spans = seen.ToArray();
        // The gateway's and the directory's server spans.
        Assert.Equal(2, spans.Count(s => s.Source == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server));
        Assert.Contains(spans, s => s.Source == "Network.Platform" && s.Name == "outbox publish OrganisationRegistered");
        Assert.Contains(spans, s => s.Source == "MassTransit" && s.Kind == ActivityKind.Producer);
    }
}
