using Marten;
using MassTransit;
using Network.Contracts.Directory;
using Network.Platform.Inbox;

namespace Network.Identity.People;

/// <summary>Remembers which organisation coordinates each local network (for the coordinator role).</summary>
public sealed class DirectoryLocalNetworksConsumer(IDocumentStore store) : IConsumer<LocalNetworkCreated>
{
    public Task Consume(ConsumeContext<LocalNetworkCreated> context) =>
        store.HandleOnceAsync(context, this, (session, e) =>
        {
            session.Store(new CoordinatingOrganisation { Id = e.NetworkId, OrganisationId = e.CoordinatorOrganisationId });
            return Task.CompletedTask;
        });
}
