using Network.Platform.Aggregates;

namespace Network.Directory.Municipalities.Partnerships;

/// <summary>An event of a partnership's stream.</summary>
public interface IPartnershipEvent;

public sealed record PartnershipRecorded(
    Guid PartnershipId, string MunicipalityAgs, string PartnerName, string PartnerCountry, DateOnly Since,
    IReadOnlyList<string> Topics, string? Notes, string By, DateTimeOffset At) : IPartnershipEvent;

public sealed record PartnershipEnded(Guid PartnershipId, DateOnly EndedOn, string? Note, string By, DateTimeOffset At) : IPartnershipEvent;

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
    DateTimeOffset RecordedAt) : IAggregate<Partnership>
{
    /// <summary>The stream version (set by Marten): the ETag.</summary>
    public long Version { get; set; }

    public DateOnly? EndedOn { get; init; }
    public string? EndNote { get; init; }
    public bool IsActive => EndedOn is null;

    public static Partnership? When(Partnership? state, object @event) => (state, @event) switch
    {
        (_, PartnershipRecorded e) =>
            new Partnership(e.PartnershipId, e.MunicipalityAgs, e.PartnerName, e.PartnerCountry, e.Since, e.Topics, e.Notes, e.At),
        ({ } current, PartnershipEnded e) => current with { EndedOn = e.EndedOn, EndNote = e.Note },
        _ => state,
    };
}
