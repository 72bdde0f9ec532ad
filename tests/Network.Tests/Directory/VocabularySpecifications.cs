using Network.Directory.Vocabularies;
using Network.Platform.Http;
using Xunit;

namespace Network.Tests.Directory;

/// <summary>The code lists: fixed data, the same answer on every machine.</summary>
public class VocabularySpecifications
{
    [Theory]
    [InlineData("DE", true)]
    [InlineData("GH", true)]
    [InlineData("VN", true)]
    [InlineData("SS", true)]
    [InlineData("XX", false)]
    [InlineData("de", false)]
    [InlineData("DEU", false)]
    [InlineData("EU", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Countries_are_the_officially_assigned_ISO_3166_1_alpha_2_codes_in_upper_case(string? code, bool valid) =>
        Assert.Equal(valid, Countries.IsValid(code));

    [Theory]
    [InlineData("de", true)]
    [InlineData("en", true)]
    [InlineData("wo", true)]
    [InlineData("deu", false)]
    [InlineData("DE", false)]
    [InlineData("qq", false)]
    [InlineData(null, false)]
    public void Languages_are_ISO_639_1_codes_in_lower_case(string? code, bool valid) =>
        Assert.Equal(valid, Languages.IsValid(code));

    [Fact]
    public void The_code_lists_are_complete_and_carry_german_names()
    {
        Assert.Equal(249, Countries.Entries.Count);
        Assert.Equal(184, Languages.Entries.Count);
        Assert.Equal("Deutschland", Countries.Entries.Single(c => c.Code == "DE").De);
        Assert.Equal("Deutsch", Languages.Entries.Single(c => c.Code == "de").De);
        Assert.Equal(Countries.Entries.Count, Countries.Entries.Select(c => c.Code).Distinct().Count());
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(17, true)]
    [InlineData(18, false)]
    public void Sdgs_are_numbered_one_to_seventeen(int goal, bool valid)
    {
        Assert.Equal(valid, Sdgs.IsValid(goal));
        Assert.Equal(17, Sdgs.Entries.Count);
    }

    [Fact]
    public void Built_in_themes_are_known_kebab_case_keys()
    {
        Assert.True(Themes.IsKnown("migration-and-development"));
        Assert.False(Themes.IsKnown("Migration and development"));
        Assert.All(Themes.BuiltIn, t => Assert.Matches(Themes.KeyFormat(), t.Code));
    }

    [Fact]
    public void Staff_add_a_theme_with_a_kebab_case_key_and_both_names()
    {
        var theme = AddTheme.Decide(new(" urban-gardening ", "Urban gardening", "Urbanes Gärtnern"), ThemeCatalogue.BuiltIn, "staff-1", DateTimeOffset.UnixEpoch);

        Assert.Equal("urban-gardening", theme.Id);
        Assert.True(new ThemeCatalogue([theme.Id]).IsKnown("urban-gardening"));
    }

    [Theory]
    [InlineData("Urban Gardening", "key")]
    [InlineData("urban--gardening", "key")]
    [InlineData("", "key")]
    public void A_theme_key_that_is_not_kebab_case_is_refused(string key, string field)
    {
        var error = Assert.Throws<RequestValidationException>(() =>
            AddTheme.Decide(new(key, "Name", "Name"), ThemeCatalogue.BuiltIn, "staff-1", DateTimeOffset.UnixEpoch));
        Assert.Contains(field, error.Errors.Keys);
    }

    [Fact]
    public void A_theme_that_exists_is_not_added_again()
    {
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() =>
            AddTheme.Decide(new("fair-trade", "Fair trade", "Fairer Handel"), ThemeCatalogue.BuiltIn, "staff-1", DateTimeOffset.UnixEpoch)).Status);
    }
}
