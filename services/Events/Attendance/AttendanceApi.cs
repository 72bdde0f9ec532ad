using Network.Platform.Auth;

namespace Network.Events.Attendance;

public static class AttendanceApi
{
    public static IEndpointRouteBuilder MapAttendanceApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/events/{id:guid}/attendance", RecordAttendance.Handle).WithTags("Attendance").RequireAuthorization(Policies.Staff);
        app.MapDelete("/events/{id:guid}/attendance/{registrationId:guid}", WithdrawAttendance.Handle).WithTags("Attendance").RequireAuthorization(Policies.Staff);
        app.MapGet("/events/{id:guid}/statistics", AttendanceStatistics.ForEvent).WithTags("Attendance").RequireAuthorization(Policies.Staff);
        // Aggregates only (counts by organisation kind and federal state): partner systems with the events scope read them too.
        app.MapGet("/statistics/events", AttendanceStatistics.ForPeriod).WithTags("Attendance").RequireAuthorization(Policies.StaffOrPartner);
        return app;
    }
}
