using System.Text.RegularExpressions;
using MassTransit;
using Network.Partners.Catalogue;
using Network.Partners.Feed;
using Network.Partners.Subscriptions;
using Xunit;

namespace Network.Tests.Partners;

/// <summary>The catalogue of public events is one list that the consumer, the filters and the documentation follow.</summary>
public partial class PublicCatalogueTests
{
    [Fact]
    public void The_consumer_records_exactly_the_catalogues_integration_events()
    {
        var consumed = typeof(PublicEventsConsumer).GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
            .Select(i => i.GetGenericArguments()[0]).ToHashSet();
        Assert.Equal(PublicEvents.All.Select(t => t.Contract).ToHashSet(), consumed);
    }

    [Fact]
    public void Every_type_is_unique_versioned_named_after_its_service_and_listed_in_docs_partners_md()
    {
        Assert.Equal(PublicEvents.All.Count, PublicEvents.All.Select(t => t.Type).Distinct().Count());
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "partners.md"));
        Assert.All(PublicEvents.All, t =>
        {
            Assert.Matches(TypePattern(), t.Type);
            Assert.StartsWith($"network.{t.Service}.{t.Entity}.", t.Type);
            Assert.Contains($"`{t.Type}`", docs);
            Assert.False(string.IsNullOrWhiteSpace(t.Description));
        });
    }

    [Fact]
    public void No_payload_has_a_field_for_an_e_mail_address_or_a_persons_name()
    {
        var personal = new[] { "email", "mail", "displayname", "personname", "firstname", "lastname", "registeredpersonids", "by", "byname" };
        var offending = PublicEvents.All.SelectMany(t => t.Payload.GetProperties().Select(p => $"{t.Payload.Name}.{p.Name}"))
            .Where(field => personal.Contains(field[(field.IndexOf('.') + 1)..].ToLowerInvariant())).ToList();
        Assert.Empty(offending);
    }

    [Theory]
    [InlineData("network.directory.*", "network.directory.organisation.verified.v1", true)]
    [InlineData("network.directory.organisation.*", "network.directory.local-network.created.v1", false)]
    [InlineData("*", "network.knowledge.item.published.v1", true)]
    [InlineData("network.knowledge.item.published.v1", "network.knowledge.item.published.v1", true)]
    [InlineData("network.knowledge.item.published.v1", "network.knowledge.item.archived.v1", false)]
    public void A_filter_matches_its_type_or_the_types_under_its_wildcard(string filter, string type, bool matches) =>
        Assert.Equal(matches, EventTypeFilter.Matches(filter, type));

    [Theory]
    [InlineData("network.dir*", "a wildcard is a trailing '*' after a dot")]
    [InlineData("network.*.verified.v1", "a wildcard is a trailing '*' after a dot")]
    [InlineData("network.directory.organisation.verfied.v1", "matches no public event type")]
    public void A_filter_that_is_malformed_or_matches_nothing_is_refused(string filter, string reason) =>
        Assert.Contains(reason, EventTypeFilter.Refuse(filter));

    [GeneratedRegex(@"^network\.[a-z]+\.[a-z-]+\.[a-z-]+\.v[0-9]+$")]
    private static partial Regex TypePattern();

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Network.sln"))) return dir.FullName;
        throw new InvalidOperationException("Network.sln not found above the test's folder.");
    }
}
