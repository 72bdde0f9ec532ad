using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Directory.Vocabularies;

public sealed record AddThemeRequest(string? Key, string? En, string? De);

/// <summary>The code lists profiles use, readable by everybody; staff extend the theme vocabulary.</summary>
public static class VocabulariesApi
{
    public static IEndpointRouteBuilder MapVocabulariesApi(this IEndpointRouteBuilder app)
    {
        var vocabularies = app.MapGroup("/vocabularies").WithTags("Vocabularies");
        vocabularies.MapGet("/countries", () => TypedResults.Ok(Countries.Entries)).AllowAnonymous();
        vocabularies.MapGet("/languages", () => TypedResults.Ok(Languages.Entries)).AllowAnonymous();
        vocabularies.MapGet("/sdgs", () => TypedResults.Ok(Sdgs.Entries)).AllowAnonymous();
        vocabularies.MapGet("/themes", ListThemes).AllowAnonymous();
        vocabularies.MapPost("/themes", AddTheme.Handle).RequireAuthorization(Policies.Staff);
        return app;
    }

    /// <summary>GET /vocabularies/themes: the built-in themes, then the ones staff added, by key.</summary>
    static async Task<Ok<IReadOnlyList<VocabularyEntry>>> ListThemes(IQuerySession session, CancellationToken ct)
    {
        var added = await session.Query<Theme>().OrderBy(t => t.Id).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<VocabularyEntry>>([.. Themes.BuiltIn, .. added.Select(t => new VocabularyEntry(t.Id, t.En, t.De))]);
    }
}

public static class AddTheme
{
    public static Theme Decide(AddThemeRequest request, ThemeCatalogue current, string by, DateTimeOffset at)
    {
        var key = request.Key?.Trim();
        var validation = new Validation()
            .Required("key", key, Themes.MaxKeyLength)
            .Matches("key", key, Themes.KeyFormat(), $"'key': {Themes.KeyExplanation}")
            .Required("en", request.En, Themes.MaxNameLength)
            .Required("de", request.De, Themes.MaxNameLength);
        validation.ThrowIfInvalid();
        if (current.IsKnown(key))
            throw new DomainRuleViolation($"The theme '{key}' already exists.", title: "Theme exists");
        return new Theme(key!, request.En!.Trim(), request.De!.Trim(), by, at);
    }

    /// <summary>POST /vocabularies/themes {key, en, de}: staff only. Themes are never removed (profiles keep referring to them).</summary>
    public static async Task<Created<VocabularyEntry>> Handle(
        AddThemeRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var theme = Decide(request, await ThemeCatalogue.LoadAsync(session, ct), http.User.Actor().Id, clock.GetUtcNow());
        session.Insert(theme);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (JasperFx.DocumentAlreadyExistsException)
        {
            throw new DomainRuleViolation($"The theme '{theme.Id}' already exists.", title: "Theme exists");
        }
        return TypedResults.Created($"/vocabularies/themes", new VocabularyEntry(theme.Id, theme.En, theme.De));
    }
}
