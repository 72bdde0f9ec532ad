namespace Network.Directory.Organisations;

public enum OrganisationKind
{
    MunicipalIntegrationDepartment,
    MunicipalInternationalAffairsDepartment,
    OtherMunicipalOffice,
    OneWorldGroup,
    MigrantOrganisation,
    UmbrellaOrganisation,
    EducationActor,
    ReligiousActor,
    PoliticalActor,
    DevelopmentCooperationActor,
}

/// <summary>What a kind is called in German and English (headers of exports; the API itself uses the names above).</summary>
public static class OrganisationKindNames
{
    public static (string German, string English) Of(OrganisationKind kind) => kind switch
    {
        OrganisationKind.MunicipalIntegrationDepartment => ("Kommunale Integrationsstelle", "Municipal integration department"),
        OrganisationKind.MunicipalInternationalAffairsDepartment => ("Kommunale Stelle für Internationales / Eine Welt", "Municipal international affairs / One World department"),
        OrganisationKind.OtherMunicipalOffice => ("Andere kommunale Stelle", "Other municipal office"),
        OrganisationKind.OneWorldGroup => ("Eine-Welt-Gruppe", "One World group"),
        OrganisationKind.MigrantOrganisation => ("Migrantenorganisation", "Migrant organisation"),
        OrganisationKind.UmbrellaOrganisation => ("Dachverband", "Umbrella organisation"),
        OrganisationKind.EducationActor => ("Bildungsakteur", "Education actor"),
        OrganisationKind.ReligiousActor => ("Religiöser Akteur", "Religious actor"),
        OrganisationKind.PoliticalActor => ("Politischer Akteur", "Political actor"),
        OrganisationKind.DevelopmentCooperationActor => ("Akteur der Entwicklungszusammenarbeit", "Development cooperation actor"),
        _ => (kind.ToString(), kind.ToString()),
    };
}
