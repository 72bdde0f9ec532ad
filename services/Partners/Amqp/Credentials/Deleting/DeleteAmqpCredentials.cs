using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Partners.Subscriptions;

namespace Network.Partners.Amqp.Credentials.Deleting;

public static class DeleteAmqpCredentials
{
    /// <summary>
    /// DELETE /amqp-credentials: the calling partner's broker user is deleted and its open connections are closed; its queues
    /// stay on the broker, unreachable. 204 also when it had none.
    /// </summary>
    public static async Task<NoContent> Handle(HttpContext http, IDocumentSession session, BrokerUsers brokerUsers, CancellationToken ct)
    {
        var caller = PartnerCaller.From(http.User);
        await RemoveAsync(caller.Id, session, brokerUsers, ct);
        return TypedResults.NoContent();
    }

    /// <summary>The broker user first: if that fails nothing is forgotten, and asking again deletes it.</summary>
    public static async Task RemoveAsync(string clientId, IDocumentSession session, BrokerUsers brokerUsers, CancellationToken ct)
    {
        await brokerUsers.DeleteAsync(PartnerExchanges.BrokerUserName(clientId), ct);
        session.Delete<AmqpCredential>(clientId);
        await session.SaveChangesAsync(ct);
    }
}
