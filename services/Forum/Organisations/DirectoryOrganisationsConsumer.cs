using Marten;
using MassTransit;
using Network.Contracts.Directory;
using Network.Platform.Inbox;

namespace Network.Forum.Organisations;

/// <summary>Keeps <see cref="MemberOrganisation"/> in step with the Directory's organisation events, each applied once.</summary>
public sealed class DirectoryOrganisationsConsumer(IDocumentStore store) :
    IConsumer<OrganisationRegistered>,
    IConsumer<OrganisationProfileUpdated>,
    IConsumer<OrganisationVerified>,
    IConsumer<OrganisationRejected>,
    IConsumer<OrganisationResubmitted>,
    IConsumer<OrganisationArchived>
{
    public Task Consume(ConsumeContext<OrganisationRegistered> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.OrganisationId, organisation =>
        {
            organisation.MunicipalityAgs = e.MunicipalityAgs;
            organisation.RegistrationsApplied++;
            ApplyProfile(organisation, e.Name, e.ShortDescription, e.Kind, e.Visibility, e.Version);
            // An update that overtook the registration may not have carried these (older messages): fill the gaps.
            organisation.Kind ??= e.Kind;
            organisation.Visibility ??= e.Visibility;
        }, context.CancellationToken));

    public Task Consume(ConsumeContext<OrganisationProfileUpdated> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.OrganisationId,
            organisation => ApplyProfile(organisation, e.Name, e.ShortDescription, e.Kind, e.Visibility, e.Version), context.CancellationToken));

    public Task Consume(ConsumeContext<OrganisationVerified> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.OrganisationId,
            organisation => ApplyStatus(organisation, true, e.VerifiedAt, e.Version), context.CancellationToken));

    public Task Consume(ConsumeContext<OrganisationRejected> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.OrganisationId,
            organisation => ApplyStatus(organisation, false, null, e.Version), context.CancellationToken));

    public Task Consume(ConsumeContext<OrganisationResubmitted> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.OrganisationId,
            organisation => ApplyStatus(organisation, false, null, e.Version), context.CancellationToken));

    public Task Consume(ConsumeContext<OrganisationArchived> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.OrganisationId,
            organisation => organisation.Archived = true, context.CancellationToken));

    static Task Change(IDocumentSession session, Guid id, Action<MemberOrganisation> change, CancellationToken ct) =>
        session.ChangeAsync(id, () => new MemberOrganisation { Id = id }, change, ct);

    static void ApplyProfile(MemberOrganisation organisation, string name, string description, string? kind, string? visibility, long version)
    {
        if (version <= organisation.ProfileVersion) return;
        organisation.Name = name;
        organisation.ShortDescription = description;
        // Messages from before these fields existed leave them as they were.
        organisation.Kind = kind ?? organisation.Kind;
        organisation.Visibility = visibility ?? organisation.Visibility;
        organisation.ProfileVersion = version;
    }

    static void ApplyStatus(MemberOrganisation organisation, bool verified, DateTimeOffset? verifiedAt, long version)
    {
        if (version <= organisation.StatusVersion) return;
        organisation.Verified = verified;
        organisation.VerifiedAt = verifiedAt;
        organisation.StatusVersion = version;
    }
}
