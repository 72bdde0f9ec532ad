using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Network.Events.Attendance;
using Network.Events.NetworkEvents;

namespace Network.Events.Registrations;

/// <summary>
/// Keeps <see cref="Registration"/> documents in step with the event streams, inline (same transaction as the append). A
/// registration is inserted without a read; a later change reads its one document. Partial: JasperFx's source generator
/// registers the document type it writes (for rebuilds and teardown).
/// </summary>
public sealed partial class RegistrationsProjection : EventProjection
{
    public RegistrationsProjection()
    {
        IncludeType<PersonRegistered>();
        IncludeType<RegistrationCancelled>();
        IncludeType<RegistrationPromoted>();
        IncludeType<AttendanceRecorded>();
        IncludeType<AttendanceWithdrawn>();
    }

    public override async ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        if (e.Data is PersonRegistered registered)
        {
            operations.Insert(Registration.Create(registered, e.Version));
            return;
        }
        if (Registration.IdOf(e.Data) is { } id && await operations.LoadAsync<Registration>(id, cancellation) is { } registration)
        {
            registration.Apply(e.Data);
            operations.Update(registration);
        }
    }
}
