using DiffPlex.Chunkers;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Platform.Http;

namespace Network.Knowledge.Items.Viewing;

/// <summary>One piece of a changed text: <c>unchanged</c>, <c>inserted</c> or <c>deleted</c>, word by word.</summary>
public sealed record DiffPiece(string Change, string Text);

/// <summary>A text of the content that differs between the two revisions, in one language.</summary>
public sealed record TextDiff(string Field, string Language, IReadOnlyList<DiffPiece> Pieces);

/// <summary>A list of the content (themes, SDGs, countries, organisations) with what was added and removed.</summary>
public sealed record ListDiff(string Field, IReadOnlyList<string> Added, IReadOnlyList<string> Removed);

public sealed record RevisionDiff(Guid ItemId, int From, int To, string FromBy, string ToBy, IReadOnlyList<TextDiff> Texts, IReadOnlyList<ListDiff> Lists);

/// <summary>The difference between any two revisions of an item, by DiffPlex (word by word, for each text and language).</summary>
public static class DiffRevisions
{
    /// <summary>GET /items/{id}/diff?from=&amp;to=: only what changed is listed.</summary>
    public static async Task<Ok<RevisionDiff>> Handle(Guid id, int? from, int? to, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var validation = new Validation();
        if (from is null or < 1) validation.Add("from", "'from' is a revision number (1 or more).");
        if (to is null or < 1) validation.Add("to", "'to' is a revision number (1 or more).");
        validation.ThrowIfInvalid();
        var item = await ItemResponse.Visible(id, http.User, session, ct);
        var older = await ItemRevisions.Load(id, from!.Value, session, ct);
        var newer = await ItemRevisions.Load(id, to!.Value, session, ct);
        return TypedResults.Ok(Between(item.Type, older, newer));
    }

    public static RevisionDiff Between(ItemType type, ItemRevision older, ItemRevision newer)
    {
        var before = older.Content.Texts(type).ToDictionary(t => t.Field);
        var after = newer.Content.Texts(type).ToDictionary(t => t.Field);
        var texts = new List<TextDiff>();
        foreach (var field in before.Keys.Union(after.Keys))
        {
            var (_, oldDe, oldEn) = before.GetValueOrDefault(field);
            var (_, newDe, newEn) = after.GetValueOrDefault(field);
            if (Text(field, "de", oldDe, newDe) is { } de) texts.Add(de);
            if (Text(field, "en", oldEn, newEn) is { } en) texts.Add(en);
        }
        ListDiff? List<T>(string field, IEnumerable<T> a, IEnumerable<T> b)
        {
            var (x, y) = (a.Select(v => v!.ToString()!).ToList(), b.Select(v => v!.ToString()!).ToList());
            var (added, removed) = (y.Except(x).ToList(), x.Except(y).ToList());
            return added.Count + removed.Count == 0 ? null : new ListDiff(field, added, removed);
        }
        var (o, n) = (older.Content, newer.Content);
        var lists = new[]
        {
            List("themes", o.Themes, n.Themes), List("sdgs", o.Sdgs, n.Sdgs), List("countries", o.Countries, n.Countries),
            List("organisations", o.Organisations, n.Organisations), List("events", o.Events, n.Events),
            List("municipalityAgs", new[] { o.MunicipalityAgs }.OfType<string>(), new[] { n.MunicipalityAgs }.OfType<string>()),
        }.OfType<ListDiff>().ToList();
        return new RevisionDiff(older.ItemId, older.Revision, newer.Revision, older.ByName, newer.ByName, texts, lists);
    }

    static TextDiff? Text(string field, string language, string? before, string? after)
    {
        if ((before ?? "") == (after ?? "")) return null;
        var model = InlineDiffBuilder.Diff(before ?? "", after ?? "", ignoreWhiteSpace: false, ignoreCase: false, new WordChunker());
        var pieces = new List<DiffPiece>();
        foreach (var line in model.Lines)
        {
            var change = line.Type switch { ChangeType.Inserted => "inserted", ChangeType.Deleted => "deleted", _ => "unchanged" };
            // Neighbouring words of the same kind become one piece: "deleted: old words", not one piece per word.
            if (pieces.Count > 0 && pieces[^1].Change == change) pieces[^1] = pieces[^1] with { Text = pieces[^1].Text + line.Text };
            else pieces.Add(new DiffPiece(change, line.Text));
        }
        return new TextDiff(field, language, pieces);
    }
}
