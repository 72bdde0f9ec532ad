using System.Text.Json;
using Network.Directory.Organisations;
using Contract = Network.Contracts.Directory;

namespace Network.Bench.Outbox;

/// <summary>
/// One realistic organisation registration, used both for the domain events appended to the Directory and for
/// the raw baseline's payload, so that both sides move messages of the same size.
/// </summary>
public static class Samples
{
    public const string Ags = "09162000";

    public const string ShortDescription =
        "Migrantinnenorganisation in München: Beratung, Sprachcafé und Projekte der entwicklungspolitischen Bildungsarbeit.";

    public static string Name(int i) => $"Bench organisation {i:000000}";

    /// <summary>The domain event the Directory appends when an organisation is registered.</summary>
    public static OrganisationRegistered Registration(Guid id, int i) => new(
        id, Name(i), OrganisationKind.MigrantOrganisation, Ags, ShortDescription, "bench", DateTimeOffset.UtcNow);

    /// <summary>
    /// The raw baseline's body: the integration event's JSON as the outbox's map produces it (the contract record,
    /// web defaults). MassTransit wraps this in its envelope (see the reported envelope size).
    /// </summary>
    public static byte[] RawPayload()
    {
        var registered = Registration(Guid.CreateVersion7(), 1);
        var message = new Contract.OrganisationRegistered(
            registered.OrganisationId, registered.Name, registered.Kind.ToString(), registered.MunicipalityAgs,
            registered.ShortDescription, 1, registered.At);
        return JsonSerializer.SerializeToUtf8Bytes(message, new JsonSerializerOptions(JsonSerializerDefaults.Web));
    }
}
