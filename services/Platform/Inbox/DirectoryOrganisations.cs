using Marten;
using Marten.Schema;
using MassTransit;
using Network.Contracts.Directory;

namespace Network.Platform.Inbox;

/// <summary>
/// An organisation as a service's local read model keeps it from the Directory's organisation events. A service
/// derives its own sealed document type from it (its own table, its own doc comment on what it uses it for) and
/// reads only the fields it needs. Messages can arrive out of order (retries, competing consumers), so each field
/// group remembers the Directory stream version it was taken from: a late, older message never undoes a newer one.
/// Updated against the version it was read at (<see cref="ReadModels.ChangeAsync{TDocument}"/>); Marten applies the
/// attribute to the derived document types too (DirectoryOrganisationMappingTests pins it).
/// </summary>
[UseOptimisticConcurrency]
public abstract class DirectoryOrganisation
{
    public Guid Id { get; set; }

    // What only the registration brings.
    /// <summary>A registration message arrived (an update or a verification alone does not make it known).</summary>
    public bool Registered { get; set; }
    /// <summary>How many times a registration was applied: the inbox keeps this at exactly one (within its retention, see InboxRetention).</summary>
    public int RegistrationsApplied { get; set; }
    /// <summary>The municipality's 8-digit official key (Amtlicher Gemeindeschlüssel).</summary>
    public string? MunicipalityAgs { get; set; }
    /// <summary>Null when the registration did not carry it (older messages).</summary>
    public string? FederalState { get; set; }

    // The profile, as of ProfileVersion.
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public string? ShortDescription { get; set; }
    /// <summary>Public, Members or Staff; null when the Directory's messages did not carry it yet (counts as Public).</summary>
    public string? Visibility { get; set; }
    /// <summary>Directory version the profile (name, kind, description, visibility) was taken from.</summary>
    public long ProfileVersion { get; set; }

    // The verification state, as of StatusVersion.
    public bool Verified { get; set; }
    /// <summary>When it was last verified; null while it is not verified.</summary>
    public DateTimeOffset? VerifiedAt { get; set; }
    /// <summary>Directory version the verification state (verified, rejected, resubmitted) was taken from.</summary>
    public long StatusVersion { get; set; }

    /// <summary>Archived in the Directory: for good, whatever arrives later.</summary>
    public bool Archived { get; set; }
}

/// <summary>
/// Keeps a service's <see cref="DirectoryOrganisation"/> documents in step with the Directory's organisation events,
/// each applied once (<see cref="Inbox.HandleOnceAsync{TMessage}"/>). A service declares a sealed, non-generic
/// consumer deriving from it: its type name names the queue and the inbox records.
/// </summary>
public abstract class DirectoryOrganisationsConsumer<TOrganisation>(IDocumentStore store) :
    IConsumer<OrganisationRegistered>,
    IConsumer<OrganisationProfileUpdated>,
    IConsumer<OrganisationVerified>,
    IConsumer<OrganisationRejected>,
    IConsumer<OrganisationResubmitted>,
    IConsumer<OrganisationArchived>
    where TOrganisation : DirectoryOrganisation, new()
{
    public Task Consume(ConsumeContext<OrganisationRegistered> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.OrganisationId, organisation =>
        {
            organisation.Registered = true;
            organisation.RegistrationsApplied++;
            organisation.MunicipalityAgs = e.MunicipalityAgs;
            organisation.FederalState = e.FederalState ?? organisation.FederalState;
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

    static Task Change(IDocumentSession session, Guid id, Action<TOrganisation> change, CancellationToken ct) =>
        session.ChangeAsync(id, () => new TOrganisation { Id = id }, change, ct);

    static void ApplyProfile(TOrganisation organisation, string name, string description, string? kind, string? visibility, long version)
    {
        if (version <= organisation.ProfileVersion) return;
        organisation.Name = name;
        organisation.ShortDescription = description;
        // Messages from before these fields existed leave them as they were.
        organisation.Kind = kind ?? organisation.Kind;
        organisation.Visibility = visibility ?? organisation.Visibility;
        organisation.ProfileVersion = version;
    }

    static void ApplyStatus(TOrganisation organisation, bool verified, DateTimeOffset? verifiedAt, long version)
    {
        if (version <= organisation.StatusVersion) return;
        organisation.Verified = verified;
        organisation.VerifiedAt = verifiedAt;
        organisation.StatusVersion = version;
    }
}
