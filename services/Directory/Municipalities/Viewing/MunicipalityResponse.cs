namespace Network.Directory.Municipalities.Viewing;

public sealed record MunicipalityResponse(
    string Ags, string Name, string FederalStateCode, string FederalState, bool IsPilot, DateTimeOffset AddedAt)
{
    public static MunicipalityResponse From(Municipality m) => new(m.Id, m.Name, m.FederalStateCode, m.FederalState, m.IsPilot, m.AddedAt);
}
