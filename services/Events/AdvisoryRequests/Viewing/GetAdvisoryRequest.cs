using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Events.AdvisoryRequests.Viewing;

public static class GetAdvisoryRequest
{
    /// <summary>GET /advisory-requests/{id}: the requester and staff (403 for anybody else), with its version as ETag.</summary>
    public static async Task<Ok<AdvisoryRequest>> Handle(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var request = await session.LoadAsync<AdvisoryRequest>(id, ct) ?? throw new ResourceNotFound("Advisory request", id);
        AdvisoryRequestAccess.Ensure(http.User, request);
        http.Response.SetETag(request.Version);
        return TypedResults.Ok(request);
    }

    /// <summary>The answer of a command: the request as now stored, with its new ETag.</summary>
    internal static async Task<Ok<AdvisoryRequest>> Respond(Guid id, long version, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var request = await session.LoadAsync<AdvisoryRequest>(id, ct) ?? throw new ResourceNotFound("Advisory request", id);
        http.Response.SetETag(version);
        return TypedResults.Ok(request);
    }
}

/// <summary>A request and its history are seen by the person who asked and by staff, nobody else.</summary>
public static class AdvisoryRequestAccess
{
    public static bool MaySee(this ClaimsPrincipal user, AdvisoryRequest request) =>
        user.IsStaff() || (user.IsSignedIn() && user.Actor().Id == request.RequestedBy);

    public static void Ensure(ClaimsPrincipal user, AdvisoryRequest request)
    {
        if (!user.MaySee(request))
            throw new Forbidden("Only the person who made this advisory request and staff may see it.");
    }
}
