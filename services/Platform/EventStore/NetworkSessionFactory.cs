using System.Diagnostics;
using Marten;
using Microsoft.AspNetCore.Http;
using Network.Platform.Auth;

namespace Network.Platform.EventStore;

/// <summary>
/// Opens lightweight sessions that stamp every appended event with who did it and the current trace context
/// (see <see cref="TraceHeaders"/>): the event store is the outbox, so this is how one trace crosses from the
/// HTTP request through RabbitMQ to the consumers.
/// </summary>
public sealed class NetworkSessionFactory(IDocumentStore store, IHttpContextAccessor http) : ISessionFactory
{
    public IQuerySession QuerySession() => store.QuerySession();

    public IDocumentSession OpenSession()
    {
        var session = store.LightweightSession();
        var activity = Activity.Current;
        if (activity is not null)
        {
            session.CorrelationId = activity.TraceId.ToString();
            session.SetHeader(TraceHeaders.TraceParent, activity.Id!);
            if (!string.IsNullOrEmpty(activity.TraceStateString))
                session.SetHeader(TraceHeaders.TraceState, activity.TraceStateString);
        }

        if (http.HttpContext?.User is { } user && user.IsSignedIn())
        {
            var actor = user.Actor();
            session.LastModifiedBy = actor.Id;
        }
        return session;
    }
}
