using Marten;
using Marten.Schema;
using MassTransit;
using Xunit;
using EventsConsumer = Network.Events.Organisations.DirectoryOrganisationsConsumer;
using ForumConsumer = Network.Forum.Organisations.DirectoryOrganisationsConsumer;
using KnownOrganisation = Network.Events.Organisations.KnownOrganisation;
using MemberOrganisation = Network.Forum.Organisations.MemberOrganisation;

namespace Network.Tests.Platform;

/// <summary>
/// The services' organisation read models derive from the platform's <c>DirectoryOrganisation</c> and its consumer,
/// and still keep their own tables and queues (no data or queue migration) and optimistic concurrency.
/// </summary>
public class DirectoryOrganisationMappingTests
{
    static DocumentMapping MappingOf<TDocument>() =>
        Assert.IsAssignableFrom<DocumentMapping>(((IReadOnlyStoreOptions)new StoreOptions()).FindOrResolveDocumentType(typeof(TDocument)));

    [Fact]
    public void The_derived_documents_keep_their_own_tables_and_optimistic_concurrency_from_the_base_class()
    {
        var known = MappingOf<KnownOrganisation>();
        var member = MappingOf<MemberOrganisation>();

        Assert.Equal("mt_doc_knownorganisation", known.TableName.Name);
        Assert.Equal("mt_doc_memberorganisation", member.TableName.Name);
        Assert.True(known.UseOptimisticConcurrency);
        Assert.True(member.UseOptimisticConcurrency);
    }

    [Fact]
    public void The_derived_consumers_keep_their_queue_names()
    {
        Assert.Equal("events-directory-organisations",
            new KebabCaseEndpointNameFormatter("events", includeNamespace: false).Consumer<EventsConsumer>());
        Assert.Equal("forum-directory-organisations",
            new KebabCaseEndpointNameFormatter("forum", includeNamespace: false).Consumer<ForumConsumer>());
    }
}
