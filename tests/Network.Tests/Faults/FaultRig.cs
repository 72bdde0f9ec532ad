using Marten;
using Microsoft.Extensions.DependencyInjection;
using Network.Directory.Organisations;
using Network.Directory.Organisations.Registering;
using Network.Platform.Auth;
using Network.Tests.Hosting;
using Npgsql;

namespace Network.Tests.Faults;

/// <summary>
/// What the fault tests share: a Directory that registers organisations through its own write path (the stream, its
/// snapshot and, through the outbox, one <c>OrganisationRegistered</c> integration event each), and the Forum's read
/// model of them, whose <c>RegistrationsApplied</c> counter says how many times each registration took effect there.
/// </summary>
static class FaultRig
{
    /// <summary>The Directory's integration event the Forum consumes: its queue and the error queue beside it.</summary>
    public const string ForumQueue = "forum-directory-organisations";

    static readonly Actor Staff = new("fault-test", "Fault test");

    /// <summary>
    /// Settings of a service that consumes and publishes but is never called with a token (the consumer and outbox
    /// tests): the provider it would trust is a closed loopback port, never contacted.
    /// </summary>
    public static Dictionary<string, string?> Settings(string database, string connectionString, string rabbitMq) => new()
    {
        [$"ConnectionStrings:{database}"] = connectionString,
        ["ConnectionStrings:rabbitmq"] = rabbitMq,
        ["Identity:Issuer"] = "http://127.0.0.1:9/",
        ["services:identity-api:http:0"] = "http://127.0.0.1:9/",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>
    /// Registers an organisation as <c>POST /organisations</c> does after reading the body (what the bench measures too);
    /// returns its id once the commit returned (acknowledged).
    /// </summary>
    public static async Task<Guid> RegisterAsync(ServiceUnderTest<Network.Directory.IntegrationEvents> directory, string name, CancellationToken ct = default)
    {
        await using var scope = directory.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<IDocumentSession>();
        var store = scope.ServiceProvider.GetRequiredService<IDocumentStore>();
        var id = Guid.CreateVersion7();
        await RegisterOrganisation.RegisterAsync(session, store, id,
            new RegisterOrganisationRequest(name, OrganisationKind.MigrantOrganisation, "05314000", "Bonn"), Staff, DateTimeOffset.UtcNow, ct);
        return id;
    }

    /// <summary>Each organisation the Forum knows, with how many times its registration was applied there.</summary>
    public static async Task<IReadOnlyList<(Guid Id, int Applied)>> ForumRegistrationsAsync(string forumDatabase)
    {
        await using var connection = new NpgsqlConnection(forumDatabase);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select id, coalesce((data->>'RegistrationsApplied')::int, 0) from mt_doc_memberorganisation", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(Guid, int)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetGuid(0), reader.GetInt32(1)));
        return rows;
    }

    /// <summary>Registrations applied in the Forum, counting repeats (what a wait for "all of them" compares).</summary>
    public static async Task<long> ForumAppliedAsync(string forumDatabase) =>
        (await ForumRegistrationsAsync(forumDatabase)).Sum(r => (long)r.Applied);

    /// <summary>Hands the Forum's read model to the checker: one observation per organisation, as often as it was applied.</summary>
    public static async Task ObserveForumAsync(EffectChecker checker, string forumDatabase)
    {
        foreach (var (id, applied) in await ForumRegistrationsAsync(forumDatabase))
            checker.Observed(id.ToString(), applied);
    }

    /// <summary>Waits until the Forum applied at least <paramref name="count"/> registrations.</summary>
    public static Task<long> WaitForForumAsync(string forumDatabase, long count, TimeSpan timeout) =>
        Eventually.Until(() => ForumAppliedAsync(forumDatabase), n => n >= count, timeout, $"{count} registrations applied in the forum");
}
