using Microsoft.AspNetCore.Http;
using Network.Partners.Delivery;
using Network.Partners.Subscriptions;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;
using Xunit;

namespace Network.Tests.Partners;

/// <summary>
/// What the test receiver relies on in StandardWebhooks 1.1.2, pinned: its verifier accepts our signature, and it checks
/// only the first of several signatures in one header, which is why <see cref="PartnerReceiver"/> verifies each
/// signature of a rotation on its own. When the package checks them all, the second fact fails: drop the workaround.
/// </summary>
public class StandardWebhooksLibraryTests
{
    const string Body = """{"specversion":"1.0","id":"x","type":"t","source":"/s"}""";

    static HeaderDictionary Headers(string id, DateTimeOffset at, string signature) => new()
    {
        ["webhook-id"] = id, ["webhook-timestamp"] = at.ToUnixTimeSeconds().ToString(), ["webhook-signature"] = signature,
    };

    [Fact]
    public void The_packages_verifier_accepts_the_signature_the_service_sends()
    {
        var secret = SigningSecrets.New();
        var now = DateTimeOffset.UtcNow;
        new StandardWebhook(secret).Verify(Body, Headers("msg_1", now, WebhookSender.Signature([secret], "msg_1", now, Body)));
        Assert.Throws<WebhookVerificationException>(() =>
            new StandardWebhook(SigningSecrets.New()).Verify(Body, Headers("msg_1", now, WebhookSender.Signature([secret], "msg_1", now, Body))));
    }

    [Fact]
    public void The_packages_verifier_checks_only_the_first_of_two_signatures()
    {
        var (first, second) = (SigningSecrets.New(), SigningSecrets.New());
        var now = DateTimeOffset.UtcNow;
        var both = WebhookSender.Signature([first, second], "msg_2", now, Body);
        Assert.Equal(2, both.Split(' ').Length);

        new StandardWebhook(first).Verify(Body, Headers("msg_2", now, both));
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(second).Verify(Body, Headers("msg_2", now, both)));
        // The second signature is right: alone in the header it verifies.
        new StandardWebhook(second).Verify(Body, Headers("msg_2", now, both.Split(' ')[1]));
    }
}
