using Marten;
using MassTransit;
using Network.Contracts.Directory;
using Network.Platform.Inbox;

namespace Network.Events.Organisations;

/// <summary>Keeps <see cref="KnownOrganisation"/> in step with the Directory's organisation events, each applied once.</summary>
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
            organisation.Registered = true;
            organisation.MunicipalityAgs = e.MunicipalityAgs;
            organisation.FederalState = e.FederalState ?? organisation.FederalState;
            ApplyProfile(organisation, e.Name, e.Kind, e.Version);
            organisation.Kind ??= e.Kind;
        }, context.CancellationToken));

    public Task Consume(ConsumeContext<OrganisationProfileUpdated> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.OrganisationId,
            organisation => ApplyProfile(organisation, e.Name, e.Kind, e.Version), context.CancellationToken));

    public Task Consume(ConsumeContext<OrganisationVerified> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.OrganisationId,
            organisation => ApplyStatus(organisation, true, e.Version), context.CancellationToken));

    public Task Consume(ConsumeContext<OrganisationRejected> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.OrganisationId,
            organisation => ApplyStatus(organisation, false, e.Version), context.CancellationToken));

    public Task Consume(ConsumeContext<OrganisationResubmitted> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.OrganisationId,
            organisation => ApplyStatus(organisation, false, e.Version), context.CancellationToken));

    public Task Consume(ConsumeContext<OrganisationArchived> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.OrganisationId,
            organisation => organisation.Archived = true, context.CancellationToken));

    static Task Change(IDocumentSession session, Guid id, Action<KnownOrganisation> change, CancellationToken ct) =>
        session.ChangeAsync(id, () => new KnownOrganisation { Id = id }, change, ct);

    static void ApplyProfile(KnownOrganisation organisation, string name, string? kind, long version)
    {
        if (version <= organisation.ProfileVersion) return;
        organisation.Name = name;
        organisation.Kind = kind ?? organisation.Kind;
        organisation.ProfileVersion = version;
    }

    static void ApplyStatus(KnownOrganisation organisation, bool verified, long version)
    {
        if (version <= organisation.StatusVersion) return;
        organisation.Verified = verified;
        organisation.StatusVersion = version;
    }
}
