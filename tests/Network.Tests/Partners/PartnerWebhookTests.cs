using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Network.Partners.Subscriptions;
using Network.Tests.Hosting;
using Network.Tests.Identity;
using Network.Tests.Infrastructure;
using Xunit;

namespace Network.Tests.Partners;

/// <summary>One network whose Partners service runs on a clock the tests move forward, and a short secret overlap.</summary>
public sealed class PartnerDeliveryFixture : IAsyncLifetime
{
    /// <summary>How long a rotated-out secret keeps signing, in this network (production: 24 h).</summary>
    public static readonly TimeSpan SecretOverlap = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Starts three minutes behind real time: the tests skip it ahead by about two and a half minutes in all, and receivers
    /// accept a webhook timestamp five minutes either way of their own clock.
    /// </summary>
    public TestClock Clock { get; } = new(TimeSpan.FromMinutes(-3));
    public NetworkUnderTest Network { get; private set; } = null!;

    public async Task InitializeAsync() => Network = await NetworkUnderTest.StartAsync(partners: Clock.Setup(new Dictionary<string, string?>
    {
        ["Partners:SecretOverlap"] = SecretOverlap.ToString(),
        ["Partners:Delivery:ResponseTimeout"] = ResponseTimeout.ToString(),
    }));

    /// <summary>How long a receiver may take to answer, in this network (production: 10 s).</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(2);

    public async Task DisposeAsync()
    {
        if (Network is not null) await Network.DisposeAsync();
        await Clock.DisposeAsync();
    }
}

/// <summary>
/// A partner subscribes with its own token and receives the public events as CloudEvents signed per Standard Webhooks,
/// checked by a receiver written with the public libraries; failures are retried, logged, redelivered on request.
/// </summary>
public class PartnerWebhookTests(PartnerDeliveryFixture fixture) : IClassFixture<PartnerDeliveryFixture>
{
    NetworkUnderTest Network => fixture.Network;

    [Fact]
    public async Task A_subscribed_partner_receives_an_organisations_events_in_order_as_signed_CloudEvents_with_links_to_the_api()
    {
        await using var receiver = await PartnerReceiver.StartAsync();
        var partner = await PartnerClient.CreateAsync(Network, "Municipal portal");
        var subscription = await partner.SubscribeAsync(receiver.Url, "network.directory.organisation.*");
        receiver.Secrets = [subscription.GetProperty("secret").GetString()!];
        Assert.StartsWith("whsec_", receiver.Secrets[0]);

        var organisation = await Network.RegisterOrganisationAsync($"Verein Webhook {Guid.NewGuid():N}"[..30]);

        var webhooks = await receiver.WaitForAsync(w => w.About(organisation.Id), count: 2);
        Assert.Empty(receiver.Rejected);
        Assert.Equal(["network.directory.organisation.registered.v1", "network.directory.organisation.verified.v1"],
            webhooks.Select(w => w.Event.Type!).ToArray());
        var registered = webhooks[0];
        Assert.Equal(registered.WebhookId, registered.Event.Id);
        Assert.Equal("/network/directory", registered.Event.Source!.ToString());
        Assert.Equal("application/json", registered.Event.DataContentType);
        Assert.Equal(organisation.Id, registered.Data().GetProperty("organisationId").GetGuid());
        Assert.Equal(organisation.Name, registered.Data().GetProperty("name").GetString());
        Assert.Equal("MigrantOrganisation", registered.Data().GetProperty("kind").GetString());
        // The link reaches the organisation through the gateway, as anybody may read it.
        var link = (string)registered.Event["link"]!;
        Assert.Equal($"{Network.Gateway.Address}api/directory/organisations/{organisation.Id}", link);
        await (await new HttpClient().GetAsync(link)).AssertSuccess();
        // The feed position grows with the order of the events.
        Assert.True(long.Parse((string)webhooks[1].Event["sequence"]!) > long.Parse((string)registered.Event["sequence"]!));

        var log = await partner.WaitForAttemptAsync(subscription.Id(), a => a.GetProperty("eventId").GetString() == webhooks[1].Event.Id,
            "the verified event in the delivery log");
        Assert.All(log, a => Assert.Equal("delivered", a.GetProperty("outcome").GetString()));
        Assert.All(log, a => Assert.Equal(204, a.GetProperty("status").GetInt32()));
    }

    [Fact]
    public async Task Across_a_secret_rotation_every_delivery_verifies_with_the_old_and_with_the_new_secret_until_the_overlap_ends()
    {
        await using var receiver = await PartnerReceiver.StartAsync();
        var partner = await PartnerClient.CreateAsync(Network, "Newsletter");
        var subscription = await partner.SubscribeAsync(receiver.Url, "network.directory.organisation.verified.v1");
        var oldSecret = subscription.GetProperty("secret").GetString()!;

        var rotated = await (await partner.Http.PostAsync($"{PartnerClient.Api}/subscriptions/{subscription.Id()}/secret-rotation", null))
            .ReadAs<JsonElement>();
        var newSecret = rotated.GetProperty("secret").GetString()!;
        Assert.NotEqual(oldSecret, newSecret);
        var overlapEnds = rotated.GetProperty("previousSecretValidUntil").GetDateTimeOffset();
        Assert.InRange(overlapEnds - fixture.Clock.Now, SecretOverlap - TimeSpan.FromSeconds(5), SecretOverlap);

        // Both are kept encrypted: a copy of the database holds neither (the longest plain run of each, as JSON would not escape it).
        var stored = $"mt_doc_webhooksubscription, jsonb_array_elements(data->'Secrets') s where id = '{subscription.Id()}'";
        Assert.Equal(2, await HttpAssertions.CountRows(Network.PartnersDatabase, $"{stored} and s->>'Secret' like 'v1:%'"));
        Assert.Equal(0, await HttpAssertions.CountRows(Network.PartnersDatabase, $"{stored} and s->>'Secret' not like 'v1:%'"));
        foreach (var plain in new[] { oldSecret, newSecret })
        {
            var run = System.Text.RegularExpressions.Regex.Matches(plain["whsec_".Length..], "[A-Za-z0-9]+").MaxBy(m => m.Length)!.Value;
            Assert.True(run.Length >= 6, plain);
            Assert.Equal(0, await HttpAssertions.CountRows(Network.PartnersDatabase, $"mt_doc_webhooksubscription where data::text like '%{run}%'"));
        }

        // During the overlap: a receiver still on the old secret and one already on the new both verify it.
        receiver.Secrets = [oldSecret];
        var first = await Network.RegisterOrganisationAsync($"Verein Alt {Guid.NewGuid():N}"[..26]);
        var duringOverlap = (await receiver.WaitForAsync(w => w.About(first.Id)))[0];
        Assert.Equal(2, duringOverlap.Signature.Split(' ').Length);
        receiver.Secrets = [newSecret];
        var second = await Network.RegisterOrganisationAsync($"Verein Neu {Guid.NewGuid():N}"[..26]);
        await receiver.WaitForAsync(w => w.About(second.Id));
        Assert.Empty(receiver.Rejected);

        // After it: only the new secret signs.
        fixture.Clock.Skip(SecretOverlap + TimeSpan.FromSeconds(1));
        receiver.Secrets = [oldSecret];
        var third = await Network.RegisterOrganisationAsync($"Verein Spät {Guid.NewGuid():N}"[..27]);
        var refused = await Eventually.Until(() => Task.FromResult(receiver.Rejected), r => r.Count > 0, TimeSpan.FromSeconds(30),
            "the old secret to stop verifying");
        Assert.Contains("No matching signature found", refused[0]);
        receiver.Secrets = [newSecret];
        await partner.Http.PostJson($"{PartnerClient.Api}/subscriptions/{subscription.Id()}/redeliveries", new { since = fixture.Clock.Now.AddMinutes(-1) });
        var late = (await receiver.WaitForAsync(w => w.About(third.Id)))[0];
        Assert.Single(late.Signature.Split(' '));
    }

    static readonly TimeSpan SecretOverlap = PartnerDeliveryFixture.SecretOverlap;

    static SecretProtection Protection(string key, params string[] previous) =>
        new(Options.Create(new SecretProtectionOptions { SecretsKey = key, PreviousSecretsKeys = [.. previous] }));

    [Fact]
    public async Task A_replaced_encryption_key_re_encrypts_every_stored_secret_so_the_old_key_can_go()
    {
        var partner = await PartnerClient.CreateAsync(Network, "Key rotation");
        // A type nothing in this class publishes: the running service, which keeps the old key, never needs to open it.
        var subscription = await partner.SubscribeAsync(new Uri("http://127.0.0.1:9/unused"), "network.knowledge.item.archived.v1");
        var secret = subscription.GetProperty("secret").GetString()!;
        var services = Network.Partners.Services;
        var oldKey = services.GetRequiredService<IConfiguration>()["Partners:SecretsKey"]!;
        const string newKey = "the-key-that-replaces-the-old-one-0123456789";

        var store = services.GetRequiredService<Marten.IDocumentStore>();
        try
        {
            var resealed = await SecretResealing.ResealAsync(store, Protection(newKey, oldKey), CancellationToken.None);
            Assert.True(resealed >= 1);

            await using var session = store.QuerySession();
            var stored = Assert.Single((await session.LoadAsync<WebhookSubscription>(subscription.Id()))!.Secrets).Secret;
            var newOnly = Protection(newKey);
            Assert.True(newOnly.IsCurrent(stored));
            Assert.Equal(secret, newOnly.Unprotect(stored, subscription.Id()));
        }
        finally
        {
            // The running service keeps the old key: every subscription of this class goes back under it.
            await SecretResealing.ResealAsync(store, Protection(oldKey, newKey), CancellationToken.None);
        }
        await (await partner.Http.DeleteAsync($"{PartnerClient.Api}/subscriptions/{subscription.Id()}")).AssertSuccess();
    }

    [Fact]
    public async Task The_catalogue_is_served_to_anybody_with_each_types_payload_fields()
    {
        var types = await (await Network.Gateway.NewClient().GetAsync($"{PartnerClient.Api}/event-types")).ReadAs<JsonElement>();
        var served = types.EnumerateArray().ToDictionary(t => t.GetProperty("type").GetString()!);
        Assert.Equal(global::Network.Partners.Catalogue.PublicEvents.All.Select(t => t.Type).Order(), served.Keys.Order());
        var erased = served["network.directory.person.erased.v1"];
        Assert.Equal("directory", erased.GetProperty("service").GetString());
        Assert.Equal("Guid", erased.GetProperty("fields").GetProperty("personId").GetString());
    }

    [Fact]
    public async Task A_paused_subscription_queues_what_happens_and_sends_it_when_resumed_and_a_deleted_one_is_gone()
    {
        await using var receiver = await PartnerReceiver.StartAsync();
        var partner = await PartnerClient.CreateAsync(Network, "Pausing partner");
        var subscription = await partner.SubscribeAsync(receiver.Url, "network.directory.organisation.verified.v1");
        receiver.Secrets = [subscription.GetProperty("secret").GetString()!];
        var url = $"{PartnerClient.Api}/subscriptions/{subscription.Id()}";

        var paused = await (await partner.Http.PostAsync($"{url}/pause", null)).ReadAs<JsonElement>();
        Assert.Equal("Paused", paused.GetProperty("status").GetString());
        var organisation = await Network.RegisterOrganisationAsync($"Verein Pause {Guid.NewGuid():N}"[..28]);
        // Queued (the fan-out ran) but not sent.
        var queued = await Eventually.Until(() => partner.DeliveriesAsync(subscription.Id(), "Pending"), d => d.Count == 1, TimeSpan.FromSeconds(30),
            "the event queued for the paused subscription");
        Assert.Equal(0, queued[0].GetProperty("attempts").GetInt32());
        Assert.Equal(0, receiver.Requests);

        await (await partner.Http.PostAsync($"{url}/resume", null)).AssertSuccess();
        await receiver.WaitForAsync(w => w.About(organisation.Id));

        await (await partner.Http.DeleteAsync(url)).AssertSuccess();
        await (await partner.Http.GetAsync(url)).AssertProblem(HttpStatusCode.NotFound);
        var list = await (await partner.Http.GetAsync($"{PartnerClient.Api}/subscriptions")).ReadAs<JsonElement>();
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), s => s.Id() == subscription.Id());
    }

    [Fact]
    public async Task A_receiver_slower_than_the_response_timeout_is_a_failed_attempt_that_says_so()
    {
        await using var receiver = await PartnerReceiver.StartAsync();
        receiver.Answer = async r => { await Task.Delay(PartnerDeliveryFixture.ResponseTimeout * 3); r.StatusCode = StatusCodes.Status200OK; };
        var partner = await PartnerClient.CreateAsync(Network, "Slow partner");
        var subscription = await partner.SubscribeAsync(receiver.Url, "network.directory.organisation.verified.v1");

        await Network.RegisterOrganisationAsync($"Verein Langsam {Guid.NewGuid():N}"[..30]);
        var attempt = (await partner.WaitForAttemptAsync(subscription.Id(), _ => true, "the timed-out attempt"))[^1];
        Assert.Equal(JsonValueKind.Null, attempt.GetProperty("status").ValueKind);
        Assert.Equal("No complete answer within 2 s.", attempt.GetProperty("error").GetString());
        Assert.InRange(attempt.GetProperty("durationMs").GetDouble(), 1900, 5000); // the timer may fire a few ms early
        Assert.Equal("retrying", attempt.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_receiver_answering_410_disables_the_subscription_it_is_sent_nothing_more_and_the_partners_contact_is_told()
    {
        await using var gone = await PartnerReceiver.StartAsync();
        await using var marker = await PartnerReceiver.StartAsync();
        gone.Answer = r => { r.StatusCode = StatusCodes.Status410Gone; return Task.CompletedTask; };
        var partner = await PartnerClient.CreateAsync(Network, "Former partner");
        var subscription = await partner.SubscribeAsync(gone.Url, "network.directory.organisation.verified.v1");
        var other = await partner.SubscribeAsync(marker.Url, "network.directory.organisation.verified.v1");
        marker.Secrets = [other.GetProperty("secret").GetString()!];

        await Network.RegisterOrganisationAsync($"Verein Weg {Guid.NewGuid():N}"[..26]);
        var disabled = await Eventually.Until(() => partner.SubscriptionAsync(subscription.Id()),
            s => s.GetProperty("status").GetString() == "Disabled", TimeSpan.FromSeconds(30), "the subscription to be disabled");
        Assert.Contains("410", disabled.GetProperty("disabledReason").GetString());
        Assert.Equal("gone", (await partner.AttemptsAsync(subscription.Id())).Single().GetProperty("outcome").GetString());

        // A later event reaches the other subscription (the pipeline ran) but not the disabled one.
        var later = await Network.RegisterOrganisationAsync($"Verein Da {Guid.NewGuid():N}"[..25]);
        await marker.WaitForAsync(w => w.About(later.Id));
        Assert.Equal(1, gone.Requests);
        Assert.Single(await partner.DeliveriesAsync(subscription.Id()));

        // The partner's contact hears of it once, with the reason and how to resume; the subscription that works causes no mail.
        var smtp = await TestServers.Smtp;
        var notice = await smtp.WaitForMailToAsync(partner.ContactEmail, TimeSpan.FromSeconds(30));
        Assert.Contains(gone.Url.ToString(), notice.Subject);
        Assert.Contains("410", notice.TextBody);
        Assert.Contains($"POST {Network.Identity.Issuer}api/partners/subscriptions/{subscription.Id()}/resume", notice.TextBody);
        Assert.DoesNotContain(other.Id().ToString(), notice.TextBody);
        var audit = await Network.Staff().GetFromJsonAsync<JsonElement>($"/api/identity/audit?subject={partner.ClientId}&kind=PartnerNotified");
        Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Single(await smtp.MailsToAsync(partner.ContactEmail));

        // The partner may switch it on again.
        var resumed = await (await partner.Http.PostAsync($"{PartnerClient.Api}/subscriptions/{subscription.Id()}/resume", null)).ReadAs<JsonElement>();
        Assert.Equal("Active", resumed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_revoked_partners_subscriptions_end_and_it_is_sent_nothing_more()
    {
        await using var revokedReceiver = await PartnerReceiver.StartAsync();
        await using var marker = await PartnerReceiver.StartAsync();
        var revoked = await PartnerClient.CreateAsync(Network, "Revoked partner");
        var stays = await PartnerClient.CreateAsync(Network, "Staying partner");
        var subscription = await revoked.SubscribeAsync(revokedReceiver.Url, "network.directory.organisation.registered.v1");
        revokedReceiver.Secrets = [subscription.GetProperty("secret").GetString()!];
        marker.Secrets = [(await stays.SubscribeAsync(marker.Url, "network.directory.organisation.registered.v1")).GetProperty("secret").GetString()!];
        var before = await Network.RegisterOrganisationAsync($"Verein Vor {Guid.NewGuid():N}"[..26]);
        await revokedReceiver.WaitForAsync(w => w.About(before.Id));

        await (await Network.Staff().DeleteAsync($"/api/identity/partners/{revoked.Id}")).AssertSuccess();
        await Eventually.Until(() => HttpAssertions.CountRows(Network.PartnersDatabase,
                $"mt_doc_webhooksubscription where id = '{subscription.Id()}' and data->>'DeletedAt' is not null and jsonb_array_length(data->'Secrets') = 0"),
            n => n == 1, TimeSpan.FromSeconds(30), "the revoked partner's subscription to end");

        var after = await Network.RegisterOrganisationAsync($"Verein Nach {Guid.NewGuid():N}"[..27]);
        await marker.WaitForAsync(w => w.About(after.Id)); // the pipeline ran
        Assert.DoesNotContain(revokedReceiver.Received, w => w.About(after.Id));
        Assert.Equal(0, await HttpAssertions.CountRows(Network.PartnersDatabase,
            $"mt_doc_webhookdelivery where data->>'SubscriptionId' = '{subscription.Id()}' and data->>'Subject' = '{after.Id}'")); // not even queued
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_tried_again_no_sooner_than_asked_and_then_delivered()
    {
        await using var receiver = await PartnerReceiver.StartAsync();
        var answers = 0;
        receiver.Answer = r =>
        {
            if (Interlocked.Increment(ref answers) == 1)
            {
                r.StatusCode = StatusCodes.Status429TooManyRequests;
                r.Headers.RetryAfter = "120";
            }
            else r.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        };
        var partner = await PartnerClient.CreateAsync(Network, "Busy CRM");
        var subscription = await partner.SubscribeAsync(receiver.Url, "network.directory.organisation.verified.v1");
        receiver.Secrets = [subscription.GetProperty("secret").GetString()!];

        var organisation = await Network.RegisterOrganisationAsync($"Verein Später {Guid.NewGuid():N}"[..29]);
        var first = (await partner.WaitForAttemptAsync(subscription.Id(), a => a.GetProperty("status").GetInt32() == 429, "the 429")).Single();
        Assert.Equal("retrying", first.GetProperty("outcome").GetString());
        var pending = (await partner.DeliveriesAsync(subscription.Id(), "Pending")).Single();
        var waits = pending.GetProperty("nextAttemptAt").GetDateTimeOffset() - first.GetProperty("at").GetDateTimeOffset();
        // The backoff alone would wait 5-10 s; the receiver asked for two minutes.
        Assert.InRange(waits, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(121));

        fixture.Clock.Skip(TimeSpan.FromSeconds(121));
        // The receiver verifies each request before it answers: the refused one and the accepted one, the same event.
        var both = await receiver.WaitForAsync(w => w.About(organisation.Id), count: 2);
        Assert.Equal(both[0].Event.Id, both[1].Event.Id);
        Assert.Equal(2, receiver.Requests);
        await partner.WaitForAttemptAsync(subscription.Id(), a => a.GetProperty("outcome").GetString() == "delivered", "the accepted attempt in the log");
        Assert.Empty(receiver.Rejected);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_it_is_a_failed_attempt_that_says_why()
    {
        await using var redirecting = await PartnerReceiver.StartAsync();
        await using var target = await PartnerReceiver.StartAsync();
        redirecting.Answer = r => { r.StatusCode = StatusCodes.Status307TemporaryRedirect; r.Headers.Location = target.Url.ToString(); return Task.CompletedTask; };
        var partner = await PartnerClient.CreateAsync(Network, "Moved partner");
        var subscription = await partner.SubscribeAsync(redirecting.Url, "network.directory.organisation.verified.v1");

        await Network.RegisterOrganisationAsync($"Verein Umzug {Guid.NewGuid():N}"[..28]);
        // Every attempt (an earlier test's verification still on its way may be delivered here too) is a refused redirect.
        var attempts = await partner.WaitForAttemptAsync(subscription.Id(), _ => true, "the redirected attempt");
        Assert.All(attempts, attempt =>
        {
            Assert.Equal(307, attempt.GetProperty("status").GetInt32());
            Assert.Equal("retrying", attempt.GetProperty("outcome").GetString());
            Assert.Contains($"Redirect to {target.Url} not followed", attempt.GetProperty("error").GetString());
        });
        Assert.True(redirecting.Requests >= 1);
        Assert.Equal(0, target.Requests); // the attempt is over (logged) and the target was never asked
    }

    [Fact]
    public async Task A_partner_redelivers_one_delivery_or_everything_since_a_time_with_the_same_event_ids()
    {
        await using var receiver = await PartnerReceiver.StartAsync();
        var partner = await PartnerClient.CreateAsync(Network, "Forgetful partner");
        var subscription = await partner.SubscribeAsync(receiver.Url, "network.directory.organisation.*");
        receiver.Secrets = [subscription.GetProperty("secret").GetString()!];
        var since = fixture.Clock.Now;
        var organisation = await Network.RegisterOrganisationAsync($"Verein Nochmal {Guid.NewGuid():N}"[..30]);
        var original = await receiver.WaitForAsync(w => w.About(organisation.Id), count: 2);

        var delivery = (await partner.DeliveriesAsync(subscription.Id())).First(d => d.GetProperty("eventId").GetString() == original[0].Event.Id);
        await (await partner.Http.PostAsync($"{PartnerClient.Api}/subscriptions/{subscription.Id()}/deliveries/{delivery.Id()}/redelivery", null))
            .ReadAs<JsonElement>(HttpStatusCode.Accepted);
        var again = await receiver.WaitForAsync(w => w.Event.Id == original[0].Event.Id, count: 2);
        Assert.Equal(original[0].Event.Type, again[1].Event.Type);

        var queued = await (await partner.Http.PostJson($"{PartnerClient.Api}/subscriptions/{subscription.Id()}/redeliveries", new { since }))
            .ReadAs<JsonElement>(HttpStatusCode.Accepted);
        Assert.Equal(2, queued.GetProperty("queued").GetInt32());
        await receiver.WaitForAsync(w => w.About(organisation.Id), count: 5);
        Assert.Equal(original.Select(w => w.Event.Id).ToHashSet(), receiver.Received.Where(w => w.About(organisation.Id)).Select(w => w.Event.Id).ToHashSet());
        Assert.Empty(receiver.Rejected);

        // Another partner cannot redeliver (or even see) this subscription's deliveries.
        var stranger = await PartnerClient.CreateAsync(Network, "Stranger");
        await (await stranger.Http.PostAsync($"{PartnerClient.Api}/subscriptions/{subscription.Id()}/deliveries/{delivery.Id()}/redelivery", null))
            .AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_replay_pages_in_feed_order_through_what_the_partners_scopes_allow_from_a_position_or_a_time()
    {
        var full = await PartnerClient.CreateAsync(Network, "Catching up");
        var eventsOnly = await PartnerClient.CreateAsync(Network, "Events only", "events", "partners");
        var start = fixture.Clock.Now.AddSeconds(-1);
        var organisations = new List<Guid>();
        for (var i = 0; i < 3; i++) organisations.Add((await Network.RegisterOrganisationAsync($"Verein Replay {i} {Guid.NewGuid():N}"[..30])).Id);

        // Six directory events of ours (registered and verified, three times) among what else the feed has, read two at a time.
        var query = $"{PartnerClient.Api}/events?since={Uri.EscapeDataString(start.ToString("O"))}&type=network.directory.organisation.*";
        await Eventually.Until(async () => await (await full.Http.GetAsync(query + "&pageSize=100")).ReadAs<JsonElement>(),
            p => p.GetProperty("items").EnumerateArray().Count(e => organisations.Contains(Guid.Parse(e.GetProperty("subject").GetString()!))) == 6,
            TimeSpan.FromSeconds(30), "the six events in the feed");
        var mine = new List<JsonElement>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await (await full.Http.GetAsync(query + "&pageSize=2" + (cursor is null ? "" : "&cursor=" + cursor))).ReadAs<JsonElement>();
            Assert.InRange(page.GetProperty("items").GetArrayLength(), 1, 2);
            mine.AddRange(page.GetProperty("items").EnumerateArray().Where(e => organisations.Contains(Guid.Parse(e.GetProperty("subject").GetString()!))));
            cursor = page.GetProperty("next").GetString();
            pages++;
        } while (cursor is not null);
        Assert.True(pages >= 3, $"{pages} pages of two");

        Assert.Equal(6, mine.Count);
        var positions = mine.Select(e => e.GetProperty("position").GetInt64()).ToList();
        Assert.Equal(positions.Order(), positions);
        // Positions are the order the feed recorded them; two changes of one entity published together may be recorded in
        // either order, and each item's sourceVersion gives the entity's own order (docs/partners.md, "Replay").
        Assert.All(organisations, o => Assert.Equal(["network.directory.organisation.registered.v1", "network.directory.organisation.verified.v1"],
            mine.Where(e => e.GetProperty("subject").GetString() == o.ToString()).OrderBy(e => e.GetProperty("sourceVersion").GetInt64())
                .Select(e => e.GetProperty("type").GetString()!).ToArray()));

        // From a position: what follows it.
        var after = await (await full.Http.GetAsync($"{PartnerClient.Api}/events?after={positions[3]}&type=network.directory.organisation.*&pageSize=100"))
            .ReadAs<JsonElement>();
        Assert.Equal(positions[4], after.GetProperty("items")[0].GetProperty("position").GetInt64());

        // A partner without the directory scope sees none of them.
        var theirs = await (await eventsOnly.Http.GetAsync($"{PartnerClient.Api}/events?after={positions[0] - 1}&pageSize=100")).ReadAs<JsonElement>();
        Assert.DoesNotContain(theirs.GetProperty("items").EnumerateArray(), e => e.GetProperty("type").GetString()!.StartsWith("network.directory."));
    }

    [Fact]
    public async Task An_erased_person_reaches_partners_as_an_erasure_event_and_their_name_is_nowhere_in_the_feed()
    {
        await using var receiver = await PartnerReceiver.StartAsync();
        var partner = await PartnerClient.CreateAsync(Network, "CRM");
        var subscription = await partner.SubscribeAsync(receiver.Url, "network.directory.person.*");
        receiver.Secrets = [subscription.GetProperty("secret").GetString()!];
        var organisation = await Network.RegisterOrganisationAsync($"Verein Privat {Guid.NewGuid():N}"[..29]);
        var name = $"Erika Vergessen {Guid.NewGuid():N}"[..24];
        var person = await Network.RecordPersonAsync(name, organisation.Id);

        await (await Network.Staff().PostAsync($"/api/directory/people/{person.PersonId}/erasure", null)).AssertSuccess();

        var erased = (await receiver.WaitForAsync(w => w.Event.Type == "network.directory.person.erased.v1" && w.About(person.PersonId)))[0];
        Assert.Equal(person.PersonId, erased.Data().GetProperty("personId").GetGuid());
        Assert.Null(erased.Event["link"]);
        Assert.Equal(0, await HttpAssertions.CountRows(Network.PartnersDatabase, $"mt_events where data::text like '%{name}%' or data::text like '%{person.Email}%'"));
        Assert.Equal(0, await HttpAssertions.CountRows(Network.PartnersDatabase, $"mt_doc_feedentry where data::text like '%{name}%'"));
    }
}
