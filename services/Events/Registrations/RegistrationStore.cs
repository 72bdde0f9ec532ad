using JasperFx.Events.Projections;
using Marten;

namespace Network.Events.Registrations;

/// <summary>How registrations are stored: documents of their own, kept by <see cref="RegistrationsProjection"/> in the append's transaction.</summary>
public static class RegistrationStore
{
    /// <summary>One active registration per person and event, also in the database (the decision checks it first).</summary>
    public const string OneActivePerPerson = "ux_registration_active_person";

    public static void Configure(StoreOptions store)
    {
        store.Projections.Add(new RegistrationsProjection(), ProjectionLifecycle.Inline);
        store.Schema.For<Registration>()
            .Index([r => r.EventId, r => r.PersonId], index =>
            {
                index.Name = OneActivePerPerson;
                index.IsUnique = true;
                index.Predicate = "(data ->> 'Status') <> 'Cancelled'";
            })
            .Index([r => r.EventId, r => r.Status, r => r.Ticket])
            .Index(r => r.PersonId);
    }
}
