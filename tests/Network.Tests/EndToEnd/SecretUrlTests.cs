using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Network.Events.Calendars;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.EndToEnd;

/// <summary>The secret of a personal calendar feed URL reaches no span (gateway or service) and no request log line.</summary>
public class SecretUrlTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    static readonly ActivitySource Caller = new("Network.Tests.SecretUrls");

    sealed record Span(string Source, string Name, ActivityKind Kind, IReadOnlyList<KeyValuePair<string, string?>> Attributes);

    [Fact]
    public async Task A_calendar_feed_fetched_through_the_gateway_leaves_its_secret_in_no_span_while_the_route_is_kept()
    {
        var person = fixture.Network.Gateway.NewClient((await fixture.Network.PersonAsync("Tia Tracer")).AccessToken);
        var feed = await (await person.PostAsync("/api/events/calendar-feeds/mine", null)).ReadAs<CalendarFeedResponse>(HttpStatusCode.Created);
        var secret = feed.Url[(feed.Url.IndexOf("/calendar-feeds/", StringComparison.Ordinal) + "/calendar-feeds/".Length)..^".ics".Length];
        Assert.True(secret.Length >= 40, feed.Url);

        ActivityTraceId traceId = default;
        var seen = new ConcurrentBag<Span>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.TraceId == traceId)
                    seen.Add(new Span(a.Source.Name, a.DisplayName, a.Kind, [.. a.TagObjects.Select(t => KeyValuePair.Create(t.Key, t.Value?.ToString()))]));
            },
        };
        ActivitySource.AddActivityListener(listener);
        using (var caller = Caller.StartActivity("fetch my calendar", ActivityKind.Client)!)
        {
            traceId = caller.TraceId;
            var calendar = await fixture.Network.Gateway.NewClient().GetAsync(feed.Url); // absolute, through the gateway
            Assert.Equal(HttpStatusCode.OK, calendar.StatusCode);
            Assert.Equal("text/calendar", calendar.Content.Headers.ContentType?.MediaType);
        }

        // The gateway's server span stops after the response has reached the caller: wait for both server spans.
        var spans = await Eventually.Until(() => Task.FromResult(seen.ToArray()),
            all => all.Any(s => s.Source == "Microsoft.AspNetCore" && Attribute(s, "http.route") == "/calendar-feeds/{token}.ics")
                   && all.Count(s => s.Source == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server) >= 2,
            TimeSpan.FromSeconds(10), "the gateway's and the Events service's server spans of the feed");

        var leaks = spans.SelectMany(s => new[] { ("name", s.Name) }.Concat(s.Attributes.Select(a => (a.Key, a.Value ?? "")))
                .Where(x => x.Item2.Contains(secret, StringComparison.Ordinal)).Select(x => $"{s.Source} '{s.Name}' {x.Item1}={x.Item2}"))
            .ToList();
        Assert.True(leaks.Count == 0, "The secret is in spans:\n" + string.Join("\n", leaks));

        // Both server spans (gateway and Events) and the gateway's forwarding client span are there, with the path's shape.
        var server = spans.Where(s => s.Source == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server).ToList();
        Assert.Equal(2, server.Count);
        Assert.Contains(server, s => Attribute(s, "url.path") == "/api/events/calendar-feeds/{token}.ics");
        Assert.Contains(server, s => Attribute(s, "url.path") == "/calendar-feeds/{token}.ics");
        Assert.Contains(spans, s => s.Kind == ActivityKind.Client && Attribute(s, "url.full")?.EndsWith("/calendar-feeds/{token}.ics") == true);
    }

    [Fact]
    public void The_request_logs_that_write_whole_urls_stay_below_information_while_the_services_own_logs_do_not()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration["Logging:LogLevel:Default"] = "Information";
        builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] = "Information";
        builder.AddServiceDefaults();
        using var app = builder.Build();
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        foreach (var category in new[] { "Microsoft.AspNetCore.Hosting.Diagnostics", "Yarp.ReverseProxy.Forwarder.HttpForwarder" })
        {
            Assert.False(loggers.CreateLogger(category).IsEnabled(LogLevel.Information), $"{category} logs URLs at Information");
            Assert.True(loggers.CreateLogger(category).IsEnabled(LogLevel.Warning), $"{category} hides its warnings");
        }
        Assert.True(loggers.CreateLogger("Network.Events.Calendars").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Routing.EndpointMiddleware").IsEnabled(LogLevel.Information));
    }

    static string? Attribute(Span span, string key) => span.Attributes.FirstOrDefault(a => a.Key == key).Value;
}
