using Marten;

namespace Network.Directory.People.Erasing;

/// <summary>
/// What an erasure rewrites in the stored events (Marten's event data masking): every event that carries a
/// person's name, e-mail or sign-in subject. Ids, roles, consent purposes and dates stay, so the history of who
/// acted for which organisation and what was consented to stays provable without naming the person.
/// </summary>
public static class PersonalDataMasking
{
    public static void AddPersonalDataMasking(this StoreOptions options)
    {
        options.Events.AddMaskingRuleForProtectedInformation<PersonRecorded>(e => e with
        {
            Subject = null,
            DisplayName = Person.ErasedName,
            Email = null,
            // A person who recorded themselves is their own actor: their subject is the By.
            By = e.Subject is not null && e.By == e.Subject ? Person.ErasedName : e.By,
        });
        options.Events.AddMaskingRuleForProtectedInformation<PersonDetailsCorrected>(e => e with
        {
            DisplayName = Person.ErasedName,
            Email = null,
        });
        options.Events.AddMaskingRuleForProtectedInformation<PersonJoinedOrganisation>(e => e with
        {
            DisplayName = Person.ErasedName,
        });
    }
}
