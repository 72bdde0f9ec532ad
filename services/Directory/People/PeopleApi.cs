using Network.Directory.People.Consenting;
using Network.Directory.People.Erasing;
using Network.Directory.People.Joining;
using Network.Directory.People.Leaving;
using Network.Directory.People.Recording;
using Network.Directory.People.Viewing;
using Network.Platform.Auth;

namespace Network.Directory.People;

public static class PeopleApi
{
    public static IEndpointRouteBuilder MapPeopleApi(this IEndpointRouteBuilder app)
    {
        // Personal data is never public: every people endpoint needs a token.
        var people = app.MapGroup("/people").WithTags("People").RequireAuthorization(Policies.Person);
        people.MapPost("/me", RecordPerson.HandleMe);
        people.MapGet("/me", GetPerson.Me);
        people.MapPost("/", RecordPerson.HandleForSomeone).RequireAuthorization(Policies.Staff);
        people.MapGet("/{id:guid}", GetPerson.Handle).WithName("GetPerson");
        people.MapPut("/{id:guid}", CorrectPersonDetails.Handle);
        people.MapPost("/{id:guid}/consents", GiveConsent.Handle);
        people.MapPost("/{id:guid}/consents/{purpose}/withdrawal", WithdrawConsent.Handle);
        people.MapPost("/{id:guid}/erasure", ErasePerson.Handle).RequireAuthorization(Policies.Staff);
        people.MapPost("/{id:guid}/invitations/{organisationId:guid}/acceptance", AcceptInvitation.Handle);
        people.MapDelete("/{id:guid}/invitations/{organisationId:guid}", DeclineInvitation.Handle);

        // Beside the organisations group on purpose: who acts for an organisation is people data, owned here.
        var members = app.MapGroup("/organisations/{organisationId:guid}/members").WithTags("People")
            .RequireAuthorization(Policies.Person);
        members.MapGet("/", ListMembers.Handle);
        members.MapGet("/{personId:guid}", ListMembers.HandleOne);
        members.MapPost("/", JoinOrganisation.Handle);
        members.MapDelete("/{personId:guid}", LeaveOrganisation.Handle);
        return app;
    }
}
