namespace Network.Contracts.Directory;

// Integration events the Directory publishes about local networks. Additive changes only: a breaking change is
// a new type. Version is the network stream's version after the change, so consumers can ignore anything older
// than what they already applied. Stages are the names of the Directory's stages: Initiated, ActorInventory,
// NetworkingWorkshopHeld, Active, SelfSustaining, Dormant.

/// <param name="MunicipalityAgs">The municipality's 8-digit official key (Amtlicher Gemeindeschlüssel).</param>
/// <param name="CoordinatorOrganisationId">The coordinating organisation; a <see cref="LocalNetworkMemberJoined"/> for it follows.</param>
public sealed record LocalNetworkCreated(
    Guid NetworkId,
    string Name,
    string MunicipalityAgs,
    Guid CoordinatorOrganisationId,
    string Stage,
    long Version,
    DateTimeOffset CreatedAt);

public sealed record LocalNetworkMemberJoined(
    Guid NetworkId,
    Guid OrganisationId,
    long Version,
    DateTimeOffset JoinedAt);

public sealed record LocalNetworkMemberLeft(
    Guid NetworkId,
    Guid OrganisationId,
    long Version,
    DateTimeOffset LeftAt);

/// <param name="On">The calendar day the network reached the stage (as recorded by staff or the coordinator).</param>
public sealed record LocalNetworkStageChanged(
    Guid NetworkId,
    string PreviousStage,
    string Stage,
    DateOnly On,
    long Version,
    DateTimeOffset ChangedAt);
