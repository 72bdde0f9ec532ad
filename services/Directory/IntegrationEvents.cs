using JasperFx.Events;
using Network.Directory.Organisations;
using Network.Platform.Outbox;
using Published = Network.Contracts.Directory;

namespace Network.Directory;

/// <summary>What the Directory tells other services, translated from its committed domain events.</summary>
public sealed class IntegrationEvents : IIntegrationEventMap
{
    public IReadOnlyCollection<Type> PublishedDomainEvents { get; } =
        [typeof(OrganisationRegistered), typeof(OrganisationProfileUpdated), typeof(OrganisationVerified)];

    public object? ToIntegrationEvent(IEvent e) => e.Data switch
    {
        OrganisationRegistered r => new Published.OrganisationRegistered(
            r.OrganisationId, r.Name, r.Kind.ToString(), r.MunicipalityAgs, r.ShortDescription, e.Version, r.At),
        OrganisationProfileUpdated u => new Published.OrganisationProfileUpdated(
            u.OrganisationId, u.Name, u.ShortDescription, e.Version, u.At),
        OrganisationVerified v => new Published.OrganisationVerified(v.OrganisationId, e.Version, v.At),
        _ => null,
    };
}
