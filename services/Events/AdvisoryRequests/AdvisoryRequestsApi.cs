using Network.Events.AdvisoryRequests.Assigning;
using Network.Events.AdvisoryRequests.Closing;
using Network.Events.AdvisoryRequests.Requesting;
using Network.Events.AdvisoryRequests.Scheduling;
using Network.Events.AdvisoryRequests.Triaging;
using Network.Events.AdvisoryRequests.Viewing;
using Network.Platform.Auth;

namespace Network.Events.AdvisoryRequests;

public static class AdvisoryRequestsApi
{
    public static IEndpointRouteBuilder MapAdvisoryRequestsApi(this IEndpointRouteBuilder app)
    {
        var requests = app.MapGroup("/advisory-requests").WithTags("Advisory requests");

        requests.MapPost("/", RequestAdvice.Handle).RequireAuthorization(Policies.Person);
        requests.MapGet("/", ListAdvisoryRequests.Handle).RequireAuthorization(Policies.Person);
        requests.MapGet("/{id:guid}", GetAdvisoryRequest.Handle).RequireAuthorization(Policies.Person);
        requests.MapGet("/{id:guid}/history", GetAdvisoryRequestHistory.Handle).RequireAuthorization(Policies.Person);
        requests.MapPost("/{id:guid}/acceptance", AcceptRequest.Handle).RequireAuthorization(Policies.Staff);
        requests.MapPost("/{id:guid}/decline", DeclineRequest.Handle).RequireAuthorization(Policies.Staff);
        requests.MapPost("/{id:guid}/adviser", AssignAdviser.Handle).RequireAuthorization(Policies.Staff);
        requests.MapPost("/{id:guid}/session", ScheduleSession.Handle).RequireAuthorization(Policies.Staff);
        requests.MapPost("/{id:guid}/closure", CloseRequest.Handle).RequireAuthorization(Policies.Staff);
        return app;
    }

}
