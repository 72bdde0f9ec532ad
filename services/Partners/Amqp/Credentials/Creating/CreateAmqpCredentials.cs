using System.Buffers.Text;
using System.Security.Cryptography;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Partners.Subscriptions;

namespace Network.Partners.Amqp.Credentials.Creating;

public static class CreateAmqpCredentials
{
    /// <summary>
    /// POST /amqp-credentials: the calling partner's broker user on the partner exchange, made now or made again with a new
    /// password (the old one stops working; connections opened with it stay until they close). The answer carries the
    /// password, once. The user may bind its own queues (named with the answer's <c>queuePrefix</c>) to the exchanges of the
    /// services its token has scopes for, and consume them; nothing else.
    /// </summary>
    public static async Task<Results<Created<AmqpCredentialResponse>, Ok<AmqpCredentialResponse>>> Handle(HttpContext http, IDocumentSession session,
        BrokerUsers brokerUsers, PartnerExchange exchange, PartnerExchangeAddress address, [FromKeyedServices(PartnersClock.Key)] TimeProvider clock,
        ILogger<PartnerExchange> logger, CancellationToken ct)
    {
        var caller = PartnerCaller.From(http.User);
        var existing = await session.LoadAsync<AmqpCredential>(caller.Id, ct);
        var credential = new AmqpCredential
        {
            Id = caller.Id, UserName = PartnerExchanges.BrokerUserName(caller.Id), Services = [.. caller.Services], CreatedAt = clock.GetUtcNow(),
        };
        // 32 random bytes, URL-safe, so the password goes into an amqp:// URI as it is.
        var password = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        // The exchanges the answer names exist before the partner binds to them, even while the feed has nothing to publish yet.
        try
        {
            await exchange.EnsureDeclaredAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not declare the partner exchanges");
            throw BrokerUsers.Unavailable();
        }
        await brokerUsers.CreateOrReplaceAsync(credential.UserName, password, credential.Services, ct);
        session.Store(credential);
        await session.SaveChangesAsync(ct);

        http.Response.Headers.CacheControl = "no-store";
        var response = AmqpCredentialResponse.From(credential, address, password);
        return existing is null ? TypedResults.Created("/amqp-credentials", response) : TypedResults.Ok(response);
    }
}
