using JasperFx.Events;
using Marten;
using Marten.Schema;
using Network.Platform.Auth;

namespace Network.Directory.Municipalities.Adding;

/// <summary>
/// Loads the five pilot cities when the service starts (Marten runs it after applying the schema, before the
/// service takes requests). Idempotent and safe when replicas start together: each city is its own stream keyed
/// by its AGS, so the replica that loses the race gets a stream-id collision and moves on.
/// </summary>
public sealed class PilotMunicipalities(TimeProvider clock) : IInitialData
{
    public static readonly IReadOnlyList<AddMunicipalityRequest> Cities =
    [
        new("05314000", "Bonn"),
        new("01002000", "Kiel"),
        new("14713000", "Leipzig"),
        new("09162000", "München"),
        new("05358008", "Düren"),
    ];

    public async Task Populate(IDocumentStore store, CancellationToken cancellation)
    {
        foreach (var city in Cities)
        {
            await using var session = store.LightweightSession();
            var existing = await session.LoadAsync<Municipality>(city.Ags!, cancellation);
            if (existing is not null) continue;
            AddMunicipality.Append(session, AddMunicipality.Decide(null, city, isPilot: true, Actor.System, clock.GetUtcNow()));
            try
            {
                await session.SaveChangesAsync(cancellation);
            }
            catch (ExistingStreamIdCollisionException)
            {
                // Another replica loaded this city a moment ago.
            }
        }
    }
}
