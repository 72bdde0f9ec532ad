using Marten;
using MassTransit;
using Network.Contracts.Directory;
using Network.Platform.Inbox;

namespace Network.Forum.Organisations;

/// <summary>Keeps <see cref="MemberOrganisation"/> in step with the Directory's organisation events, each applied once.</summary>
public sealed class DirectoryOrganisationsConsumer(IDocumentStore store) :
    IConsumer<OrganisationRegistered>,
    IConsumer<OrganisationProfileUpdated>,
    IConsumer<OrganisationVerified>
{
    public Task Consume(ConsumeContext<OrganisationRegistered> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.OrganisationId, organisation =>
        {
            organisation.Kind = e.Kind;
            organisation.MunicipalityAgs = e.MunicipalityAgs;
            organisation.RegistrationsApplied++;
            ApplyProfile(organisation, e.Name, e.ShortDescription, e.Version);
        }, context.CancellationToken));

    public Task Consume(ConsumeContext<OrganisationProfileUpdated> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.OrganisationId,
            organisation => ApplyProfile(organisation, e.Name, e.ShortDescription, e.Version), context.CancellationToken));

    public Task Consume(ConsumeContext<OrganisationVerified> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.OrganisationId, organisation =>
        {
            organisation.Verified = true;
            organisation.VerifiedAt = e.VerifiedAt;
        }, context.CancellationToken));

    static Task Change(IDocumentSession session, Guid id, Action<MemberOrganisation> change, CancellationToken ct) =>
        session.ChangeAsync(id, () => new MemberOrganisation { Id = id }, change, ct);

    static void ApplyProfile(MemberOrganisation organisation, string name, string description, long version)
    {
        if (version <= organisation.ProfileVersion) return;
        organisation.Name = name;
        organisation.ShortDescription = description;
        organisation.ProfileVersion = version;
    }
}
