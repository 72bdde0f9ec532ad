using Network.Directory.Matchmaking;
using Network.Directory.Organisations;
using Xunit;

namespace Network.Tests.Directory;

/// <summary>The ranking as a pure function: given these organisations, then this order and these reasons.</summary>
public class MatchmakingSpecifications
{
    static Organisation Org(string name, string ags, string[]? themes = null, string[]? countries = null, int[]? sdgs = null,
        VerificationState state = VerificationState.Verified, bool archived = false, Guid? id = null) =>
        new Organisation(id ?? Guid.NewGuid(), name, OrganisationKind.MigrantOrganisation, ags,
            Network.Directory.Municipalities.Ags.FederalState(ags), "x", state, DateTimeOffset.UnixEpoch, null)
        {
            Details = OrganisationDetails.Empty with { Themes = themes ?? [], Countries = countries ?? [], Sdgs = sdgs ?? [] },
            IsArchived = archived,
        };

    static readonly Organisation Target = Org("Target", "05314000", ["education", "youth"], ["GH"], [4]);

    static IReadOnlyList<Suggestion> Rank(IEnumerable<Organisation> candidates, params Guid[] connected) =>
        SuggestPartners.Rank(Target, candidates, connected.ToHashSet(), ags => ags == "05314000" ? "Bonn" : null);

    [Fact]
    public void Score_is_three_per_theme_two_per_country_one_per_sdg_within_the_proximity_tier()
    {
        var ranked = Rank(
        [
            Org("Far, shares all", "14713000", ["education", "youth"], ["GH"], [4]),   // elsewhere: 3+3+2+1 = 9
            Org("State, one theme", "05358008", ["youth"]),                              // same state: 3
            Org("State, country and SDG", "05315000", countries: ["GH"], sdgs: [4]),     // same state: 2+1 = 3
            Org("Near, nothing", "05314000"),                                            // same municipality: 0
        ]);

        Assert.Equal(["Near, nothing", "State, country and SDG", "State, one theme", "Far, shares all"], ranked.Select(s => s.Name));
        Assert.Equal([0, 3, 3, 9], ranked.Select(s => s.Score));
        Assert.Equal(["same municipality: Bonn"], ranked[0].Reasons);
        Assert.Equal(["shares themes: education, youth", "shares countries: GH", "shares SDGs: 4"], ranked[3].Reasons);
    }

    [Fact]
    public void Itself_connected_unverified_archived_and_distant_strangers_are_left_out()
    {
        var connected = Org("Connected", "05314000", ["education"]);
        var ranked = Rank(
        [
            Target,
            connected,
            Org("Pending", "05314000", ["education"], state: VerificationState.Pending),
            Org("Rejected", "05314000", ["education"], state: VerificationState.Rejected),
            Org("Archived", "05314000", ["education"], archived: true),
            Org("Stranger in the state", "05315000"),
            Org("Stranger elsewhere", "09162000"),
            Org("Kept", "05314000"),
        ], connected.Id);

        Assert.Equal(["Kept"], ranked.Select(s => s.Name));
    }

    [Fact]
    public void Ties_are_broken_by_name_then_id_whatever_the_order_of_the_candidates()
    {
        var low = Guid.Parse("00000000-0000-0000-0000-000000000001");
        var high = Guid.Parse("00000000-0000-0000-0000-000000000002");
        Organisation[] candidates =
        [
            Org("Same name", "05358008", ["youth"], id: high),
            Org("Same name", "05315000", ["youth"], id: low),
            Org("Another", "05334002", ["education"]),
        ];

        var once = Rank(candidates).Select(s => s.OrganisationId).ToList();
        var reversed = Rank(candidates.Reverse()).Select(s => s.OrganisationId).ToList();

        Assert.Equal(once, reversed);
        Assert.Equal([candidates[2].Id, low, high], once);
    }
}
