using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Network.Platform.Hosting;
using Network.Platform.Mail;
using Network.Tests.Hosting;
using Network.Tests.Infrastructure;
using Xunit;

namespace Network.Tests.Platform;

/// <summary>The platform's mail sender against a real SMTP server (smtp4dev), and against servers that fail.</summary>
public sealed class MailSenderTests
{
    static readonly TimeSpan Arrival = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_mail_with_umlauts_and_an_html_alternative_arrives_as_sent_from_the_default_sender()
    {
        var smtp = await TestServers.Smtp;
        var recipient = NewAddress();
        var sender = MailSenderFor(smtp.ConnectionString);

        await sender.SendAsync(new OutgoingMail(
            To: recipient,
            ToName: "Jörg Müller",
            Subject: "Einladung ins Netzwerk: Grüße aus Düren",
            TextBody: "Hallo Jörg Müller,\n\nbitte bestätigen Sie Ihre Einladung.\nÄÖÜ äöü ß – Ihr Netzwerk",
            HtmlBody: "<p>Hallo <b>Jörg Müller</b>,</p><p>bitte bestätigen Sie Ihre Einladung.</p>"), CancellationToken.None);

        var mail = await smtp.WaitForMailToAsync(recipient, Arrival);
        Assert.Equal("Einladung ins Netzwerk: Grüße aus Düren", mail.Subject);
        Assert.Equal("Hallo Jörg Müller,\n\nbitte bestätigen Sie Ihre Einladung.\nÄÖÜ äöü ß – Ihr Netzwerk", mail.TextBody);
        Assert.Equal("<p>Hallo <b>Jörg Müller</b>,</p><p>bitte bestätigen Sie Ihre Einladung.</p>", mail.HtmlBody);
        Assert.Equal("Network <no-reply@network.example>", mail.From);
        Assert.Equal([recipient], mail.To);
    }

    [Fact]
    public async Task Mail_From_names_the_sender()
    {
        var smtp = await TestServers.Smtp;
        var recipient = NewAddress();
        var sender = MailSenderFor(smtp.ConnectionString, from: "Netzwerk Geschäftsstelle <geschaeftsstelle@network.test>");

        await sender.SendAsync(new OutgoingMail(recipient, "Passwort zurücksetzen", "Ihr Link: https://network.example/reset"),
            CancellationToken.None);

        var mail = await smtp.WaitForMailToAsync(recipient, Arrival);
        Assert.Equal("Netzwerk Geschäftsstelle <geschaeftsstelle@network.test>", mail.From);
        Assert.Equal("Ihr Link: https://network.example/reset", mail.TextBody);
        Assert.Null(mail.HtmlBody);
    }

    [Fact]
    public async Task With_nothing_listening_on_the_port_sending_throws_MailUnavailable_within_the_10_second_timeout()
    {
        var sender = MailSenderFor($"smtp://127.0.0.1:{ServerHost.FreePort()}");
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<MailUnavailable>(() => sender.SendAsync(AnyMail(), CancellationToken.None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_server_that_accepts_the_connection_but_never_answers_is_given_up_after_10_seconds()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // the kernel completes the connection; nobody ever greets
        var sender = MailSenderFor($"smtp://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}");
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<MailUnavailable>(() => sender.SendAsync(AnyMail(), CancellationToken.None));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(9.5), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_server_that_refuses_service_is_MailUnavailable_with_its_reason()
    {
        using var refusing = new TcpListener(IPAddress.Loopback, 0);
        refusing.Start();
        var sender = MailSenderFor($"smtp://127.0.0.1:{((IPEndPoint)refusing.LocalEndpoint).Port}");
        var refuse = Task.Run(async () =>
        {
            using var client = await refusing.AcceptTcpClientAsync();
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("554 5.3.2 Closed for maintenance\r\n"));
            // Keep the connection until the sender, having read the refusal, closes it.
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (await stream.ReadAsync(new byte[256], bound.Token) > 0) { }
        });

        var refused = await Assert.ThrowsAsync<MailUnavailable>(() => sender.SendAsync(AnyMail(), CancellationToken.None));

        Assert.Contains("Closed for maintenance", refused.Message);
        await refuse;
    }

    [Fact]
    public async Task A_request_whose_mail_cannot_be_sent_gets_a_503_problem_with_Retry_After()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddNetworkProblemDetails();
        builder.Services.AddNetworkMail(Configuration($"smtp://127.0.0.1:{ServerHost.FreePort()}"));
        await using var app = builder.Build();
        app.UseExceptionHandler();
        app.MapPost("/invitations", async (IMailSender mail, CancellationToken ct) =>
        {
            await mail.SendAsync(AnyMail(), ct);
            return Results.Accepted();
        });
        await app.StartAsync();

        var response = await app.GetTestClient().PostAsync("/invitations", null);

        var problem = await response.AssertProblem(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Mail server unavailable", problem.GetProperty("title").GetString());
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
    }

    static string NewAddress() => $"empfaenger-{Guid.NewGuid():N}@network.test";

    static OutgoingMail AnyMail() => new(NewAddress(), "Test", "Test");

    static IMailSender MailSenderFor(string connectionString, string? from = null) =>
        new ServiceCollection().AddNetworkMail(Configuration(connectionString, from)).BuildServiceProvider()
            .GetRequiredService<IMailSender>();

    internal static IConfiguration Configuration(string? connectionString, string? from = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:mail"] = connectionString,
            ["Mail:From"] = from,
        }).Build();
}

/// <summary>What <c>AddNetworkMail</c> makes of <c>ConnectionStrings:mail</c> and <c>Mail:From</c>, and what it refuses at startup.</summary>
public sealed class MailSenderSetupTests
{
    [Theory]
    [InlineData("smtp://127.0.0.1:2525", "127.0.0.1", 2525, "None", null, null)]
    [InlineData("smtp://relay.example.org", "relay.example.org", 25, "None", null, null)]
    [InlineData("smtp://mailer:s%40cret@relay.example.org:587?starttls=true", "relay.example.org", 587, "StartTls", "mailer", "s@cret")]
    [InlineData("smtps://mailer:pw@relay.example.org", "relay.example.org", 465, "SslOnConnect", "mailer", "pw")]
    public void A_mail_uri_names_host_port_security_and_login(
        string connectionString, string host, int port, string security, string? user, string? password)
    {
        var server = SmtpServerAddress.Parse(connectionString);

        Assert.Equal((host, port, security, user, password),
            (server.Host, server.Port, server.Security.ToString(), server.UserName, server.Password));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("127.0.0.1:2525")]
    [InlineData("http://127.0.0.1:2525")]
    [InlineData("smtp://127.0.0.1:2525/inbox")]
    [InlineData("smtp://127.0.0.1:2525?starttls=maybe")]
    [InlineData("smtps://127.0.0.1?starttls=true")]
    [InlineData("smtp://mailer@relay.example.org")]
    public void A_missing_or_malformed_connection_string_stops_the_start_naming_the_setting(string? connectionString)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new ServiceCollection().AddNetworkMail(MailSenderTests.Configuration(connectionString)));

        Assert.Contains("ConnectionStrings:mail", error.Message);
    }

    [Fact]
    public void The_error_never_shows_the_password()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new ServiceCollection().AddNetworkMail(MailSenderTests.Configuration("smtp://mailer:Geheim123@relay.example.org?tls=1")));

        Assert.DoesNotContain("Geheim123", error.Message);
    }

    [Fact]
    public void A_malformed_Mail_From_stops_the_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new ServiceCollection().AddNetworkMail(MailSenderTests.Configuration("smtp://127.0.0.1:2525", from: "Network")));

        Assert.Contains("Mail:From", error.Message);
    }
}
