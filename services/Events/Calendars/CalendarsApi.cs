using Network.Platform.Auth;

namespace Network.Events.Calendars;

public static class CalendarsApi
{
    public static IEndpointRouteBuilder MapCalendarsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/events/{id:guid}.ics", EventIcs.Handle).WithTags("Calendars").AllowAnonymous();
        var feeds = app.MapGroup("/calendar-feeds").WithTags("Calendars");
        feeds.MapPost("/mine", CalendarFeeds.Create).RequireAuthorization(Policies.Person);
        feeds.MapGet("/{token}.ics", CalendarFeeds.Get).AllowAnonymous();
        return app;
    }
}
