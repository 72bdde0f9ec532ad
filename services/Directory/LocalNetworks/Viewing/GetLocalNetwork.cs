using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Platform.Http;

namespace Network.Directory.LocalNetworks.Viewing;

public static class GetLocalNetwork
{
    /// <summary>GET /local-networks/{id} (public), with its ETag.</summary>
    public static async Task<Ok<LocalNetworkResponse>> Handle(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var network = await session.LoadAsync<LocalNetwork>(id, ct) ?? throw new ResourceNotFound("Local network", id);
        http.Response.SetETag(network.Version);
        return TypedResults.Ok((await LocalNetworkResponse.ForAsync([network], http.User, session, ct))[0]);
    }
}
