using JasperFx;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Network.Partners.Delivery;
using Network.Partners.Feed;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Partners;

/// <summary>
/// The deliverer takes a delivery by a lease written against the version it read in a batch with the feed event: two
/// replicas that read the same delivery cannot both take it (the second write is refused), so an attempt is sent once.
/// </summary>
public class DeliveryLeaseTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    [Fact]
    public async Task Two_replicas_that_read_the_same_delivery_in_a_batch_cannot_both_lease_it()
    {
        var store = fixture.Network.Partners.Services.GetRequiredService<IDocumentStore>();
        var delivery = DeliveryFanOut.New(Guid.CreateVersion7(),
            new PartnerEvent(Guid.CreateVersion7(), "network.directory.organisation.verified.v1", "directory", Guid.CreateVersion7(), 1,
                DateTimeOffset.UtcNow, System.Text.Json.JsonDocument.Parse("{}").RootElement, null), 1, DateTimeOffset.UtcNow);
        delivery.State = DeliveryState.Failed; // nothing a running deliverer would pick up
        await using (var setup = store.LightweightSession())
        {
            setup.Insert(delivery);
            await setup.SaveChangesAsync();
        }

        async Task<(IDocumentSession Session, WebhookDelivery Read)> ReadAsync()
        {
            var session = store.LightweightSession();
            var batch = session.CreateBatchQuery();
            var loading = batch.Load<WebhookDelivery>(delivery.Id);
            await batch.Execute();
            return (session, (await loading)!);
        }

        var (first, one) = await ReadAsync();
        var (second, other) = await ReadAsync();
        await using (first)
        await using (second)
        {
            one.LeasedUntil = other.LeasedUntil = DateTimeOffset.UtcNow.AddMinutes(1);
            first.Update(one);
            await first.SaveChangesAsync();
            second.Update(other);
            await Assert.ThrowsAsync<ConcurrencyException>(() => second.SaveChangesAsync());
        }
    }
}
