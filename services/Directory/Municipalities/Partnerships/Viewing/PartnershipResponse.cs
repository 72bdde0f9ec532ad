namespace Network.Directory.Municipalities.Partnerships.Viewing;

public sealed record PartnershipResponse(
    Guid Id, string MunicipalityAgs, string PartnerName, string PartnerCountry, DateOnly Since, IReadOnlyList<string> Topics,
    string? Notes, bool IsActive, DateOnly? EndedOn, string? EndNote, DateTimeOffset RecordedAt, long Version)
{
    public static PartnershipResponse From(Partnership p) => new(
        p.Id, p.MunicipalityAgs, p.PartnerName, p.PartnerCountry, p.Since, p.Topics, p.Notes, p.IsActive, p.EndedOn, p.EndNote, p.RecordedAt, p.Version);
}
