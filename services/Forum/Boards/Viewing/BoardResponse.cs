namespace Network.Forum.Boards.Viewing;

public sealed record BoardResponse(
    Guid Id, BoardKind Kind, BoardName Name, IReadOnlyList<string> Themes, BoardVisibility Visibility,
    Guid? LocalNetworkId, string? MunicipalityAgs, Guid? CoordinatorOrganisationId, bool Archived, long Version)
{
    public static BoardResponse From(Board b) =>
        new(b.Id, b.Kind, b.Name, b.Themes, b.Visibility, b.LocalNetworkId, b.MunicipalityAgs, b.CoordinatorOrganisationId, b.Archived, b.Version);
}
