using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Partners.Subscriptions;
using Network.Platform.Http;

namespace Network.Partners.Amqp.Credentials.Viewing;

public static class ViewAmqpCredentials
{
    /// <summary>GET /amqp-credentials: the calling partner's broker user, if it has one (never the password); 404 when it has none.</summary>
    public static async Task<Ok<AmqpCredentialResponse>> Handle(HttpContext http, IQuerySession session, PartnerExchangeAddress address, CancellationToken ct)
    {
        var caller = PartnerCaller.From(http.User);
        var credential = await session.LoadAsync<AmqpCredential>(caller.Id, ct) ?? throw new ResourceNotFound("AMQP credentials of partner", caller.Id);
        return TypedResults.Ok(AmqpCredentialResponse.From(credential, address));
    }
}
