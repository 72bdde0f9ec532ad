using Xunit;

namespace Network.Tests.Faults;

/// <summary>The checker on hand-made histories: each class of error is found, and a clean history is valid.</summary>
public class EffectCheckerSpecifications
{
    [Fact]
    public void Acknowledged_operations_applied_once_are_ok_and_the_history_is_valid()
    {
        var checker = new EffectChecker();
        checker.Acknowledged("a");
        checker.Acknowledged("b");
        checker.Observed("a");
        checker.Observed("b");

        var report = checker.Check();

        Assert.Equal(["a", "b"], report.Ok);
        Assert.True(report.IsValid);
        Assert.StartsWith("valid: ok 2, lost 0, duplicated 0, unexpected 0, partial 0, recovered 0", report.ToString());
    }

    [Fact]
    public void An_acknowledged_operation_without_its_effect_is_lost()
    {
        var checker = new EffectChecker();
        checker.Acknowledged("a");
        checker.Acknowledged("b");
        checker.Observed("a");

        var report = checker.Check();

        Assert.Equal(["b"], report.Lost);
        Assert.Equal(["a"], report.Ok);
        Assert.False(report.IsValid);
        Assert.Contains("lost: b", report.ToString());
    }

    [Fact]
    public void An_effect_found_twice_or_counted_twice_is_duplicated()
    {
        var checker = new EffectChecker();
        checker.Acknowledged("found-twice");
        checker.Acknowledged("counted-twice");
        checker.Unknown("unknown-twice");
        checker.Observed("found-twice");
        checker.Observed("found-twice");
        checker.Observed("counted-twice", times: 2);
        checker.Observed("unknown-twice", times: 2);

        var report = checker.Check();

        Assert.Equal(["counted-twice", "found-twice", "unknown-twice"], report.Duplicated);
        Assert.Empty(report.Ok);
        Assert.Empty(report.Recovered);
        Assert.False(report.IsValid);
    }

    [Fact]
    public void An_effect_nobody_attempted_is_unexpected()
    {
        var checker = new EffectChecker();
        checker.Acknowledged("a");
        checker.Observed("a");
        checker.Observed("ghost");

        var report = checker.Check();

        Assert.Equal(["ghost"], report.Unexpected);
        Assert.False(report.IsValid);
    }

    [Fact]
    public void An_incomplete_effect_is_partial_even_when_its_outcome_was_unknown()
    {
        var checker = new EffectChecker();
        checker.Acknowledged("a");
        checker.Unknown("b");
        checker.Observed("a", complete: false);
        checker.Observed("b", complete: false);

        var report = checker.Check();

        Assert.Equal(["a", "b"], report.Partial);
        Assert.Empty(report.Ok);
        Assert.Empty(report.Recovered);
        Assert.False(report.IsValid);
    }

    [Fact]
    public void Unknown_outcomes_are_recovered_when_applied_once_and_no_error_when_absent()
    {
        var checker = new EffectChecker();
        checker.Unknown("took-effect");
        checker.Unknown("did-not");
        checker.Observed("took-effect");

        var report = checker.Check();

        Assert.Equal(["took-effect"], report.Recovered);
        Assert.Equal(["did-not"], report.AbsentUnknown);
        Assert.True(report.IsValid);
    }

    [Fact]
    public void An_operation_retried_after_an_unknown_outcome_and_then_acknowledged_counts_as_acknowledged()
    {
        var checker = new EffectChecker();
        checker.Unknown("a");
        checker.Acknowledged("a");
        checker.Unknown("a"); // a late report of the first attempt does not undo the acknowledgement

        var report = checker.Check();

        Assert.Equal(["a"], report.Lost);
        Assert.Empty(report.AbsentUnknown);
    }
}
