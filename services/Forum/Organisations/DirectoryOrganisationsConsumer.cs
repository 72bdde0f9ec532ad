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
        store.HandleOnceAsync(context, this, async (session, e) =>
        {
            var organisation = await LoadOrNew(session, e.OrganisationId, context.CancellationToken);
            organisation.Kind = e.Kind;
            organisation.MunicipalityAgs = e.MunicipalityAgs;
            organisation.RegistrationsApplied++;
            ApplyProfile(organisation, e.Name, e.ShortDescription, e.Version);
            session.Store(organisation);
        });

    public Task Consume(ConsumeContext<OrganisationProfileUpdated> context) =>
        store.HandleOnceAsync(context, this, async (session, e) =>
        {
            var organisation = await LoadOrNew(session, e.OrganisationId, context.CancellationToken);
            ApplyProfile(organisation, e.Name, e.ShortDescription, e.Version);
            session.Store(organisation);
        });

    public Task Consume(ConsumeContext<OrganisationVerified> context) =>
        store.HandleOnceAsync(context, this, async (session, e) =>
        {
            var organisation = await LoadOrNew(session, e.OrganisationId, context.CancellationToken);
            organisation.Verified = true;
            organisation.VerifiedAt = e.VerifiedAt;
            session.Store(organisation);
        });

    static async Task<MemberOrganisation> LoadOrNew(IDocumentSession session, Guid id, CancellationToken ct) =>
        await session.LoadAsync<MemberOrganisation>(id, ct) ?? new MemberOrganisation { Id = id };

    static void ApplyProfile(MemberOrganisation organisation, string name, string description, long version)
    {
        if (version <= organisation.ProfileVersion) return;
        organisation.Name = name;
        organisation.ShortDescription = description;
        organisation.ProfileVersion = version;
    }
}
