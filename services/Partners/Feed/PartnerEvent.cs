using System.Text.Json;

namespace Network.Partners.Feed;

/// <summary>
/// One public event in the partners' feed: a Marten event on the stream of the entity it is about (<see cref="Subject"/>),
/// so the feed's global order is Marten's sequence (the position partners replay from) and the order per entity is its
/// stream's. <see cref="Id"/> is the integration message's id (the source service's Marten event id), so the same change
/// is recorded once however often it arrives, and it is the CloudEvent's <c>id</c> and the <c>webhook-id</c>.
/// </summary>
/// <param name="Type">The catalogue's CloudEvents type, e.g. <c>network.directory.organisation.verified.v1</c>.</param>
/// <param name="Service">The owning service (the partner scope needed to see it).</param>
/// <param name="SourceVersion">The entity's stream version in its own service after the change.</param>
/// <param name="Data">The catalogue's payload, as JSON.</param>
/// <param name="Link">The entity's public address at the gateway; null when the entity is gone (archived, erased).</param>
public sealed record PartnerEvent(Guid Id, string Type, string Service, Guid Subject, long SourceVersion, DateTimeOffset OccurredAt,
    JsonElement Data, string? Link);
