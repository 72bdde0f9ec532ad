using Marten;
using Network.Forum.Boards.LocalNetworks;
using Network.Platform.Aggregates;

namespace Network.Forum.Boards;

/// <summary>How boards are stored: an inline snapshot folded by <see cref="Board.When"/>, and the local networks they belong to.</summary>
public static class BoardStore
{
    public static void Configure(StoreOptions store)
    {
        store.AddAggregate<Board, IBoardEvent>().Index(b => b.LocalNetworkId);
        store.Schema.For<LocalNetworkCopy>();
    }
}
