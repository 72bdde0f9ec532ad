using Marten;
using MassTransit;
using Network.Contracts.Directory;
using Network.Platform.Inbox;

namespace Network.Forum.Boards.LocalNetworks;

/// <summary>
/// Opens a board for each local network the Directory creates (its stream id is the network's id, so a repeated message
/// cannot open a second), keeps the network's organisations, and archives the board while the network is dormant. Each
/// message is applied once, in the transaction of its inbox record.
/// </summary>
public sealed class DirectoryLocalNetworksConsumer(IDocumentStore store) :
    IConsumer<LocalNetworkCreated>,
    IConsumer<LocalNetworkMemberJoined>,
    IConsumer<LocalNetworkMemberLeft>,
    IConsumer<LocalNetworkStageChanged>
{
    public Task Consume(ConsumeContext<LocalNetworkCreated> context) =>
        store.HandleOnceAsync(context, this, async (session, e) =>
        {
            var network = await Change(session, e.NetworkId, copy =>
            {
                (copy.Created, copy.Name, copy.MunicipalityAgs, copy.CoordinatorOrganisationId) = (true, e.Name, e.MunicipalityAgs, e.CoordinatorOrganisationId);
                if (e.Version > copy.StageVersion) (copy.Stage, copy.StageVersion) = (e.Stage, e.Version);
            }, context.CancellationToken);
            if (await session.LoadAsync<Board>(e.NetworkId, context.CancellationToken) is not null) return;
            List<object> opened = [new LocalNetworkBoardOpened(e.NetworkId, e.NetworkId, e.Name, e.MunicipalityAgs, e.CoordinatorOrganisationId, e.CreatedAt)];
            // A stage change that overtook the creation already made the network dormant.
            if (network.IsDormant) opened.Add(new BoardArchived(e.NetworkId, "The local network is dormant.", e.CreatedAt));
            session.Events.StartStream<Board>(e.NetworkId, [.. opened]);
        });

    public Task Consume(ConsumeContext<LocalNetworkMemberJoined> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.NetworkId,
            copy => copy.Members.Joined(e.OrganisationId, null, e.Version), context.CancellationToken));

    public Task Consume(ConsumeContext<LocalNetworkMemberLeft> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.NetworkId,
            copy => copy.Members.Left(e.OrganisationId, e.Version), context.CancellationToken));

    public Task Consume(ConsumeContext<LocalNetworkStageChanged> context) =>
        store.HandleOnceAsync(context, this, async (session, e) =>
        {
            var network = await Change(session, e.NetworkId, copy =>
            {
                if (e.Version > copy.StageVersion) (copy.Stage, copy.StageVersion) = (e.Stage, e.Version);
            }, context.CancellationToken);
            var board = await session.LoadAsync<Board>(e.NetworkId, context.CancellationToken);
            if (board is null) return; // opened (archived if need be) when the creation arrives
            if (network.IsDormant && !board.Archived)
                session.Events.Append(e.NetworkId, new BoardArchived(e.NetworkId, "The local network is dormant.", e.ChangedAt));
            else if (!network.IsDormant && board.Archived)
                session.Events.Append(e.NetworkId, new BoardReopened(e.NetworkId, e.ChangedAt));
        });

    static async Task<LocalNetworkCopy> Change(IDocumentSession session, Guid id, Action<LocalNetworkCopy> change, CancellationToken ct)
    {
        LocalNetworkCopy? changed = null;
        await session.ChangeAsync(id, () => new LocalNetworkCopy { Id = id }, copy => { change(copy); changed = copy; }, ct);
        return changed!;
    }
}
