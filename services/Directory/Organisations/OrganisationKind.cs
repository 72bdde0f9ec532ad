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
