using System.Reflection;
using System.Text.RegularExpressions;
using MassTransit;
using Network.AppHost;
using Network.Platform.Messaging;
using Xunit;

namespace Network.Tests.Security;

/// <summary>
/// The broker users' permissions (AppHost/BrokerPermissions.cs) are regular expressions over names MassTransit makes. These
/// tests take the names from MassTransit itself, with the platform's formatter and every consumer and contract there is, so a
/// renamed consumer, service or contract fails here instead of being refused by the broker in production.
/// </summary>
public sealed class BrokerPermissionNamesTests
{
    /// <summary>The services with a broker user (AppHost.cs), and the assembly holding each one's consumers.</summary>
    static readonly (string Service, string? Assembly)[] Services =
    [
        ("directory", "Network.Directory"), ("forum", "Network.Forum"), ("events", "Network.Events"),
        ("knowledge", null), // no consumer of its own beyond the platform's; its assembly is not referenced by the tests
        ("identity", "Network.Identity"), ("partners", "Network.Partners"),
    ];

    public static TheoryData<string> ServiceNames() => new(Services.Select(s => s.Service));

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void A_service_may_use_its_own_endpoints_and_no_other_services_endpoints(string service)
    {
        var names = EndpointNames(service);
        Assert.NotEmpty(names);
        foreach (var name in names)
        {
            var own = BrokerPermissions.For(service);
            Assert.True(Matches(own.Configure, name) && Matches(own.Write, name) && Matches(own.Read, name),
                $"{service} may not declare, bind or consume its own '{name}'");
            foreach (var other in Services.Select(s => s.Service).Where(s => s != service))
            {
                var theirs = BrokerPermissions.For(other);
                Assert.False(Matches(theirs.Configure, name) || Matches(theirs.Write, name) || Matches(theirs.Read, name),
                    $"{other} may touch {service}'s '{name}'");
            }
        }
    }

    [Fact]
    public void Only_the_owner_of_a_contract_may_publish_it_and_every_service_may_bind_to_it()
    {
        var contracts = typeof(Network.Contracts.Directory.OrganisationVerified).Assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.Namespace?.StartsWith("Network.Contracts.", StringComparison.Ordinal) == true)
            .ToList();
        Assert.Contains(typeof(Network.Contracts.Directory.OrganisationVerified), contracts);
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host("localhost"));

        foreach (var contract in contracts)
        {
            Assert.True(bus.Topology.TryGetPublishAddress(contract, out var address), $"no publish address for {contract}");
            var exchange = address!.AbsolutePath.Trim('/');
            var owner = contract.Namespace!["Network.Contracts.".Length..].ToLowerInvariant();
            Assert.Contains(owner, Services.Select(s => s.Service));
            foreach (var (service, _) in Services)
            {
                var rights = BrokerPermissions.For(service);
                Assert.True(Matches(rights.Configure, exchange) && Matches(rights.Read, exchange), $"{service} may not bind from '{exchange}'");
                Assert.True(Matches(rights.Write, exchange) == (service == owner),
                    $"'{exchange}' is published by {owner}, but {service} {(service == owner ? "may not" : "may")} publish to it");
            }
        }
    }

    [Fact]
    public void The_exchange_name_MassTransit_publishes_to_is_the_contracts_full_name()
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host("localhost"));
        Assert.True(bus.Topology.TryGetPublishAddress(typeof(Network.Contracts.Directory.OrganisationVerified), out var address));
        Assert.Equal("Network.Contracts.Directory:OrganisationVerified", address!.AbsolutePath.Trim('/'));
        Assert.True(Matches(BrokerPermissions.For("directory").Write, "Network.Contracts.Directory:OrganisationVerified"));
        Assert.False(Matches(BrokerPermissions.For("forum").Write, "Network.Contracts.Directory:OrganisationVerified"));
    }

    /// <summary>Each consumer's queue and exchange, their <c>_error</c> and <c>_skipped</c>, and the bus endpoint, as MassTransit names them.</summary>
    static List<string> EndpointNames(string service)
    {
        var assembly = Services.Single(s => s.Service == service).Assembly;
        var consumers = (assembly is null ? [] : Assembly.Load(assembly).GetTypes())
            .Append(typeof(Network.Platform.Auth.RevokedSubjectsConsumer)) // every service's
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IConsumer).IsAssignableFrom(t))
            .ToList();
        var formatter = new KebabCaseEndpointNameFormatter(service, includeNamespace: false);
        var format = typeof(IEndpointNameFormatter).GetMethod(nameof(IEndpointNameFormatter.Consumer))!;
        var names = new List<string> { MessagingSetup.BusEndpointName(service) };
        foreach (var consumer in consumers)
        {
            var name = (string)format.MakeGenericMethod(consumer).Invoke(formatter, null)!;
            names.AddRange([name, name + "_error", name + "_skipped"]);
        }
        return names;
    }

    /// <summary>RabbitMQ matches the whole name against the expression (Erlang's re, here the same as .NET's).</summary>
    static bool Matches(string expression, string name) => Regex.IsMatch(name, expression);
}
