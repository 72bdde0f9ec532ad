using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Network.Forum.Organisations;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Forum.Members;

public sealed record ForumMemberOrganisation(Guid Id, string Name, string? Role);

public sealed record ForumMemberResponse(Guid PersonId, string DisplayName, IReadOnlyList<ForumMemberOrganisation> Organisations);

/// <summary>
/// The people who take part in the forum: they act for at least one verified organisation and consented to be
/// listed by name. Signed-in callers only: names of people are not public.
/// </summary>
public static class ForumMembersApi
{
    const string StaffOnly = "Staff";

    public static IEndpointRouteBuilder MapForumMembersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/members").WithTags("Forum members").RequireAuthorization(Policies.Person);
        group.MapGet("/", List);
        return app;
    }

    static async Task<Ok<Page<ForumMemberResponse>>> List(
        HttpContext http, IQuerySession session, [FromQuery] Guid? organisation, [FromQuery] int? page, [FromQuery] int? pageSize, CancellationToken ct)
    {
        var validation = new Validation();
        var paging = Paging.Validate(page, pageSize, validation);
        validation.ThrowIfInvalid();

        // Verified alone is not enough: a verification that overtook its registration has no name yet. An archived
        // organisation takes part no more; a staff-only one is listed to staff only (the list itself needs sign-in, so
        // members-only ones are listed to everyone who reads it).
        var staff = http.User.IsStaff();
        var verified = await session.Query<MemberOrganisation>()
            .Where(o => o.Verified && o.RegistrationsApplied > 0 && !o.Archived && (staff || o.Visibility == null || o.Visibility != StaffOnly))
            .Select(o => o.Id)
            .ToListAsync(ct);
        if (organisation is { } only) verified = verified.Where(id => id == only).ToList();

        var members = await session.Query<ForumMember>()
            .Where(m => m.ListedByConsent && !m.Erased && m.DisplayName != null && m.ActingFor.Any(id => verified.Contains(id)))
            .OrderBy(m => m.DisplayName).ThenBy(m => m.Id)
            .ToPageAsync(paging, ct);

        var organisationIds = members.Items.SelectMany(m => m.ActingFor).Where(verified.Contains).Distinct().ToArray();
        var names = (await session.LoadManyAsync<MemberOrganisation>(ct, organisationIds)).ToDictionary(o => o.Id, o => o.Name ?? "");
        var items = members.Items.Select(m => new ForumMemberResponse(
                m.Id,
                m.DisplayName!,
                m.Memberships.Where(x => x.Active && names.ContainsKey(x.OrganisationId))
                    .Select(x => new ForumMemberOrganisation(x.OrganisationId, names[x.OrganisationId], x.Role))
                    .OrderBy(o => o.Name).ToList()))
            .ToList();
        return TypedResults.Ok(members.WithItems(items));
    }
}
