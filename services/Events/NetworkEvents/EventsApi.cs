using Network.Platform.Http;
using Network.Events.NetworkEvents.Cancelling;
using Network.Events.NetworkEvents.ChangingCapacity;
using Network.Events.NetworkEvents.Creating;
using Network.Events.NetworkEvents.Documenting;
using Network.Events.NetworkEvents.Holding;
using Network.Events.NetworkEvents.Publishing;
using Network.Events.NetworkEvents.Rescheduling;
using Network.Events.NetworkEvents.Viewing;
using Network.Events.Registrations.Cancelling;
using Network.Events.Registrations.Registering;
using Network.Events.Registrations.Viewing;
using Network.Platform.Auth;

namespace Network.Events.NetworkEvents;

public static class EventsApi
{
    public static IEndpointRouteBuilder MapNetworkEventsApi(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/events").WithTags("Events");
        events.MapGet("/", ListEvents.Handle).AllowAnonymous().ExpensiveRead();
        events.MapGet("/{id:guid}", GetEvent.Handle).AllowAnonymous().WithName("GetEvent");
        events.MapPost("/", CreateEvent.Handle).RequireAuthorization(Policies.Staff);
        events.MapPost("/{id:guid}/publication", PublishEvent.Handle).RequireAuthorization(Policies.Staff);
        events.MapPut("/{id:guid}/schedule", RescheduleEvent.Handle).RequireAuthorization(Policies.Staff);
        events.MapPost("/{id:guid}/cancellation", CancelEvent.Handle).RequireAuthorization(Policies.Staff);
        events.MapPost("/{id:guid}/held", MarkEventHeld.Handle).RequireAuthorization(Policies.Staff);
        events.MapPut("/{id:guid}/documentation", DocumentEvent.Handle).RequireAuthorization(Policies.Staff);
        events.MapPut("/{id:guid}/capacity", ChangeCapacity.Handle).RequireAuthorization(Policies.Staff);

        events.MapPost("/{id:guid}/registrations", RegisterForEvent.Handle).RequireAuthorization(Policies.Person);
        events.MapGet("/{id:guid}/registrations", ListRegistrations.Handle).RequireAuthorization(Policies.Staff);
        events.MapGet("/{id:guid}/registrations/{registrationId:guid}", GetRegistration.Handle).RequireAuthorization(Policies.Person);
        events.MapDelete("/{id:guid}/registrations/{registrationId:guid}", CancelRegistration.Handle).RequireAuthorization(Policies.Person);
        app.MapGet("/registrations/mine", MyRegistrations.Handle).WithTags("Registrations").RequireAuthorization(Policies.Person);
        return app;
    }
}
