using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Options;
using Network.Platform.Http;

namespace Network.Partners.Amqp;

/// <summary>
/// The partners' broker users, made and removed through the RabbitMQ management HTTP API as the Partners broker administrator
/// (<see cref="AmqpOptions.Management"/>): a user with no tags (no management access), a password, its permissions on the
/// partners' virtual host alone, and a few connections and channels at most.
/// </summary>
public sealed class BrokerUsers(HttpClient http, IOptions<AmqpOptions> options, ILogger<BrokerUsers> logger)
{
    public const string ClientName = "rabbitmq-management";
    public const int MaxConnections = 10;
    public const int MaxChannels = 100;

    public static void Configure(IServiceProvider services, HttpClient client)
    {
        var management = services.GetRequiredService<IOptions<AmqpOptions>>().Value.Management;
        client.BaseAddress = management.Uri ?? throw new InvalidOperationException(
            $"{AmqpOptions.Section}:Management:Uri is not set (the AppHost passes it); set {AmqpOptions.Section}:Enabled=false to run without the partner exchange.");
        client.Timeout = TimeSpan.FromSeconds(10);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{management.UserName}:{management.Password}")));
    }

    /// <summary>Creates the user, or replaces its password and permissions; its open connections keep running until they close.</summary>
    public async Task CreateOrReplaceAsync(string name, string password, IEnumerable<string> services, CancellationToken ct)
    {
        var (configure, write, read) = PartnerExchanges.Permissions(name, services);
        await SendAsync(HttpMethod.Put, $"api/users/{Escape(name)}", new { password, tags = "" }, ct);
        await SendAsync(HttpMethod.Put, $"api/permissions/{Escape(options.Value.VirtualHost)}/{Escape(name)}", new { configure, write, read }, ct);
        await SendAsync(HttpMethod.Put, $"api/user-limits/{Escape(name)}/max-connections", new { value = MaxConnections }, ct);
        await SendAsync(HttpMethod.Put, $"api/user-limits/{Escape(name)}/max-channels", new { value = MaxChannels }, ct);
    }

    /// <summary>
    /// Deletes the user (with its permissions and limits) and closes its open connections, so nothing it had open keeps
    /// consuming; a user that is not there is fine. Its queues stay until it would have deleted them (they are its own names).
    /// </summary>
    public async Task DeleteAsync(string name, CancellationToken ct)
    {
        await SendAsync(HttpMethod.Delete, $"api/users/{Escape(name)}", null, ct, notFoundIsFine: true);
        await SendAsync(HttpMethod.Delete, $"api/connections/username/{Escape(name)}", null, ct, notFoundIsFine: true);
    }

    async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken ct, bool notFoundIsFine = false)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Reason", "Network partner credentials");
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogWarning(e, "The RabbitMQ management API did not answer {Method} {Path}", method, path);
            throw Unavailable();
        }
        using (response)
        {
            if (response.IsSuccessStatusCode || (notFoundIsFine && response.StatusCode == HttpStatusCode.NotFound))
                return;
            logger.LogError("The RabbitMQ management API answered {Status} to {Method} {Path}: {Body}", (int)response.StatusCode, method, path,
                await response.Content.ReadAsStringAsync(ct));
            throw Unavailable();
        }
    }

    public static DomainRuleViolation Unavailable() =>
        new("The partner exchange's broker cannot manage credentials right now; try again later.", StatusCodes.Status503ServiceUnavailable,
            "The partner exchange is unavailable") { RetryAfter = TimeSpan.FromSeconds(30) };

    static string Escape(string segment) => Uri.EscapeDataString(segment);
}
