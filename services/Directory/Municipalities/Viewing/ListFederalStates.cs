using Microsoft.AspNetCore.Http.HttpResults;

namespace Network.Directory.Municipalities.Viewing;

public static class ListFederalStates
{
    /// <summary>GET /federal-states: the 16 federal states with their codes (public).</summary>
    public static Ok<IReadOnlyList<FederalStateInfo>> Handle() => TypedResults.Ok(FederalStates.All);
}
