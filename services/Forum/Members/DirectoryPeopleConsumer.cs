using Marten;
using MassTransit;
using Network.Contracts.Directory;
using Network.Platform.Inbox;

namespace Network.Forum.Members;

/// <summary>Keeps <see cref="ForumMember"/> in step with the Directory's people events, each applied once.</summary>
public sealed class DirectoryPeopleConsumer(IDocumentStore store) :
    IConsumer<PersonJoinedOrganisation>,
    IConsumer<PersonLeftOrganisation>,
    IConsumer<PersonDisplayNameChanged>,
    IConsumer<PersonConsentGiven>,
    IConsumer<PersonConsentWithdrawn>,
    IConsumer<PersonErased>
{
    public const string ForumParticipation = "forum-participation";

    public Task Consume(ConsumeContext<PersonJoinedOrganisation> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.PersonId,
            member => member.Joined(e.OrganisationId, e.Role, e.DisplayName, e.Version), context.CancellationToken));

    public Task Consume(ConsumeContext<PersonLeftOrganisation> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.PersonId,
            member => member.Left(e.OrganisationId, e.Version), context.CancellationToken));

    public Task Consume(ConsumeContext<PersonDisplayNameChanged> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.PersonId,
            member => member.Rename(e.DisplayName, e.Version), context.CancellationToken));

    public Task Consume(ConsumeContext<PersonConsentGiven> context) =>
        context.Message.Purpose != ForumParticipation
            ? Task.CompletedTask
            : store.HandleOnceAsync(context, this, (session, e) => Change(session, e.PersonId,
                member => member.Consent(true, e.Version), context.CancellationToken));

    public Task Consume(ConsumeContext<PersonConsentWithdrawn> context) =>
        context.Message.Purpose != ForumParticipation
            ? Task.CompletedTask
            : store.HandleOnceAsync(context, this, (session, e) => Change(session, e.PersonId,
                member => member.Consent(false, e.Version), context.CancellationToken));

    /// <summary>The member becomes a nameless tombstone; the confirmation goes out with it (see PersonalDataErasure).</summary>
    public Task Consume(ConsumeContext<PersonErased> context) =>
        store.ForgetOnceAsync(context, this, (session, e) => Change(session, e.PersonId,
            member => member.Erase(), context.CancellationToken));

    static Task Change(IDocumentSession session, Guid id, Action<ForumMember> change, CancellationToken ct) =>
        session.ChangeAsync(id, () => new ForumMember { Id = id }, change, ct);
}
