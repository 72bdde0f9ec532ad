using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Events.AdvisoryRequests.Viewing;

public static class ListAdvisoryRequests
{
    /// <summary>
    /// GET /advisory-requests?status=Received&amp;page=1&amp;pageSize=20, newest first: staff see all, everybody else only
    /// the requests they made themselves.
    /// </summary>
    public static async Task<Ok<Page<AdvisoryRequest>>> Handle(
        HttpContext http, IQuerySession session,
        [FromQuery] AdvisoryRequestStatus? status, [FromQuery] int? page, [FromQuery] int? pageSize, CancellationToken ct)
    {
        var validation = new Validation();
        if (status is { } s && !Enum.IsDefined(s)) validation.Defined("status", status);
        var (pageNumber, size) = Paging.Validate(page, pageSize, validation);
        validation.ThrowIfInvalid();

        var query = session.Query<AdvisoryRequest>().AsQueryable();
        if (!http.User.IsStaff())
        {
            var subject = http.User.Actor().Id;
            query = query.Where(r => r.RequestedBy == subject);
        }
        if (status is { } wanted) query = query.Where(r => r.Status == wanted);

        return TypedResults.Ok(await query.OrderByDescending(r => r.RequestedAt).ThenBy(r => r.Id).ToPageAsync((pageNumber, size), ct));
    }
}
