using Network.Platform.Time;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.LocalNetworks.Viewing;
using Network.Directory.Municipalities;
using Network.Directory.Municipalities.Viewing;
using Network.Directory.Organisations;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Directory.LocalNetworks.Creating;

/// <param name="InitiatedOn">the day the network was initiated (default: today).</param>
public sealed record CreateLocalNetworkRequest(string? Name, string? MunicipalityAgs, Guid? CoordinatorOrganisationId, DateOnly? InitiatedOn);

public static class CreateLocalNetwork
{
    public static void Validate(CreateLocalNetworkRequest request, DateTimeOffset at)
    {
        var validation = new Validation().RequiredMunicipalityKey("municipalityAgs", request.MunicipalityAgs)
            .Required("name", request.Name, LocalNetworkTexts.MaxNameLength);
        if (request.CoordinatorOrganisationId is null || request.CoordinatorOrganisationId == Guid.Empty)
            validation.Add("coordinatorOrganisationId", "'coordinatorOrganisationId' is required: the organisation that coordinates the network.");
        if (request.InitiatedOn is not null) validation.PastDate("initiatedOn", request.InitiatedOn, at);
        validation.ThrowIfInvalid();
    }

    /// <param name="municipality">the municipality named by the request, null when unknown (404).</param>
    /// <param name="coordinator">the coordinating organisation, null when unknown (404); it need not be verified yet.</param>
    /// <param name="networksInMunicipality">the municipality's existing networks (the name must be new there).</param>
    /// <returns>The network's creation and the coordinator joining it as its first member.</returns>
    public static IReadOnlyList<object> Decide(
        Guid id, CreateLocalNetworkRequest request, Municipality? municipality, Organisation? coordinator,
        IReadOnlyList<LocalNetwork> networksInMunicipality, Actor by, DateTimeOffset at)
    {
        Validate(request, at);
        if (municipality is null) throw new ResourceNotFound("Municipality", request.MunicipalityAgs!);
        if (coordinator is null) throw new ResourceNotFound("Organisation", request.CoordinatorOrganisationId!.Value);
        if (coordinator.IsArchived)
            throw new DomainRuleViolation($"Organisation '{coordinator.Name}' is archived and cannot coordinate a network.");

        var name = request.Name!.Trim();
        var sameName = networksInMunicipality.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase));
        if (sameName is not null)
            throw new DomainRuleViolation($"{municipality.Name} already has a local network named '{sameName.Name}': {sameName.Id}.",
                title: "Local network exists already");

        return
        [
            new LocalNetworkCreated(id, name, municipality.Id, coordinator.Id, coordinator.Name,
                request.InitiatedOn ?? BerlinTime.Today(at), by.Id, at),
            new LocalNetworkMemberJoined(id, coordinator.Id, by.Id, at),
        ];
    }

    /// <summary>
    /// POST /local-networks {name, municipalityAgs, coordinatorOrganisationId, initiatedOn?}: staff, or a member acting
    /// for the coordinating organisation. The network starts Initiated with the coordinator as member.
    /// </summary>
    public static async Task<Created<LocalNetworkResponse>> Handle(
        CreateLocalNetworkRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        Validate(request, now);
        var coordinatorId = request.CoordinatorOrganisationId!.Value;
        if (!http.User.MayActFor(coordinatorId))
            throw new Forbidden("Only staff or members of the coordinating organisation may create a local network for it.");

        var municipality = await session.LoadAsync<Municipality>(request.MunicipalityAgs!, ct);
        var coordinator = await session.LoadAsync<Organisation>(coordinatorId, ct);
        var existing = await session.Query<LocalNetwork>().Where(n => n.MunicipalityAgs == request.MunicipalityAgs).ToListAsync(ct);

        var id = Guid.CreateVersion7();
        var events = Decide(id, request, municipality, coordinator, existing, http.User.Actor(), now);
        var version = await session.StartAsync<LocalNetwork>(id, events, ct);
        var response = await LocalNetworkResponse.RespondAsync(id, version, http, session, ct);
        return TypedResults.Created($"/local-networks/{id}", response);
    }
}
