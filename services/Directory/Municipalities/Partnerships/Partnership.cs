namespace Network.Directory.Municipalities.Partnerships;

// Domain events of a partnership's stream.
public sealed record PartnershipRecorded(
    Guid PartnershipId, string MunicipalityAgs, string PartnerName, string PartnerCountry, DateOnly Since,
    IReadOnlyList<string> Topics, string? Notes, string By, DateTimeOffset At);

public sealed record PartnershipEnded(Guid PartnershipId, DateOnly EndedOn, string? Note, string By, DateTimeOffset At);

/// <summary>
/// A North-South partnership between a German municipality (by AGS) and a municipality abroad (by name and
/// ISO 3166-1 alpha-2 country). Its own aggregate: it has a life of its own (recorded, ended) and a municipality
/// can have many.
/// </summary>
public sealed record Partnership(
    Guid Id,
    string MunicipalityAgs,
    string PartnerName,
    string PartnerCountry,
    DateOnly Since,
    IReadOnlyList<string> Topics,
    string? Notes,
    DateTimeOffset RecordedAt)
{
    /// <summary>The stream version (set by Marten): the ETag.</summary>
    public long Version { get; set; }

    public DateOnly? EndedOn { get; init; }
    public string? EndNote { get; init; }
    public bool IsActive => EndedOn is null;

    public static Partnership Create(PartnershipRecorded e) =>
        new(e.PartnershipId, e.MunicipalityAgs, e.PartnerName, e.PartnerCountry, e.Since, e.Topics, e.Notes, e.At);

    public Partnership Apply(PartnershipEnded e) => this with { EndedOn = e.EndedOn, EndNote = e.Note };
}
