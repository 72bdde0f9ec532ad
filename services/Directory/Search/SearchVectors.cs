using Marten;
using Network.Directory.Organisations;
using Network.Platform.EventStore;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using Weasel.Postgresql.Functions;
using Weasel.Postgresql.Tables;

namespace Network.Directory.Search;

/// <summary>
/// The organisations' text, stored once as two weighted tsvectors, one per language, in a table of their own
/// (<see cref="Table"/>, one row per organisation). A stemmer only understands its own language ("Vereine" finds
/// "Verein" only in German, "organisations" finds "organisation" only in English), so each vector is built by its
/// language's stemmer: name (weight A) and short description (C) in both, the German description (B) in the German
/// one and the English description (B) in the English one: the same vectors as the matching indexes of
/// <see cref="SearchIndexes"/>.
/// <para>
/// Stored for the ranking: ranking by relevance reads every match's vector, and an expression index cannot
/// give it back, so with vectors computed from the JSON the ranking parsed and stemmed each matching organisation's
/// text on every search (about 0.1 ms per match: 120 ms for 1,500 matches). Marten keeps no column of ours on its
/// document table (its migrations drop what it does not know), so a trigger on <c>mt_doc_organisation</c> writes the
/// row in the same transaction as every write of the document, whichever path wrote it, and a foreign key removes it
/// with the document. When the trigger is created on a database that already holds organisations, they are indexed
/// in the same migration.
/// </para>
/// </summary>
public sealed class SearchVectors(StoreOptions store) : FeatureSchemaBase("OrganisationSearchVectors", new PostgresqlMigrator())
{
    public const string Table = "organisation_search";
    public const string German = "german";
    public const string English = "english";

    /// <summary>The German vector of a row of <c>mt_doc_organisation</c> whose JSON is <paramref name="data"/>.</summary>
    public static string GermanVector(string data) => Vector(German, data, $"{data} -> 'Details' -> 'Description' ->> 'De'");

    /// <summary>The English vector of a row of <c>mt_doc_organisation</c> whose JSON is <paramref name="data"/>.</summary>
    public static string EnglishVector(string data) => Vector(English, data, $"{data} -> 'Details' -> 'Description' ->> 'En'");

    static string Vector(string language, string data, string description) =>
        $"setweight(to_tsvector('{language}'::regconfig, coalesce({data} ->> 'Name', '')), 'A') || " +
        $"setweight(to_tsvector('{language}'::regconfig, coalesce({description}, '')), 'B') || " +
        $"setweight(to_tsvector('{language}'::regconfig, coalesce({data} ->> 'ShortDescription', '')), 'C')";

    /// <summary>What the search compares and ranks on: the searched text as PostgreSQL's web-style query in <paramref name="language"/>.</summary>
    public static string Query(string language, string parameter) => $"websearch_to_tsquery('{language}'::regconfig, {parameter})";

    /// <summary>Marten's table of the organisation documents (its naming: mt_doc_ and the type's name).</summary>
    public const string DocumentTable = "mt_doc_organisation";

    string QualifiedTable => $"{store.DatabaseSchemaName}.{Table}";

    PostgresqlObjectName Name(string name) => new(store.DatabaseSchemaName, name, SchemaUtils.IdentifierUsage.General);

    public override IEnumerable<Type> DependentTypes() => [typeof(Organisation)];

    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        var table = new Table(Name(Table));
        table.AddColumn<Guid>("id").AsPrimaryKey();
        table.AddColumn(German, "tsvector").NotNull();
        table.AddColumn(English, "tsvector").NotNull();
        table.ForeignKeys.Add(new ForeignKey($"fk_{Table}_organisation")
        {
            ColumnNames = ["id"],
            LinkedNames = ["id"],
            LinkedTable = Name(DocumentTable),
#pragma warning disable CS0618 // Weasel 9.49's ForeignKey still takes the PostgreSQL-specific enum it marks obsolete
            OnDelete = Weasel.Postgresql.CascadeAction.Cascade,
#pragma warning restore CS0618
        });
        // No index on the vectors: matching runs on the document's expression indexes (SearchIndexes), and the
        // ranking reads the vectors of the matches by id.
        yield return table;

        var function = $"{store.DatabaseSchemaName}.{Table}_write";
        // An update that leaves the searched text as it was (a verification, an archiving) writes nothing here.
        yield return Function.ForSql($$"""
            CREATE OR REPLACE FUNCTION {{function}}() RETURNS trigger LANGUAGE plpgsql AS $function$
            BEGIN
                IF TG_OP = 'UPDATE'
                   AND OLD.data -> 'Name' IS NOT DISTINCT FROM NEW.data -> 'Name'
                   AND OLD.data -> 'ShortDescription' IS NOT DISTINCT FROM NEW.data -> 'ShortDescription'
                   AND OLD.data -> 'Details' -> 'Description' IS NOT DISTINCT FROM NEW.data -> 'Details' -> 'Description' THEN
                    RETURN NULL;
                END IF;
                INSERT INTO {{QualifiedTable}} (id, {{German}}, {{English}})
                VALUES (NEW.id, {{GermanVector("NEW.data")}}, {{EnglishVector("NEW.data")}})
                ON CONFLICT (id) DO UPDATE SET {{German}} = excluded.{{German}}, {{English}} = excluded.{{English}};
                RETURN NULL;
            END;
            $function$;
            """);

        yield return new BackfillingTrigger(Name($"{Table}_trigger"), Name(DocumentTable), $"{function}()",
            backfill: $"INSERT INTO {QualifiedTable} (id, {German}, {English}) " +
                      $"SELECT d.id, {GermanVector("d.data")}, {EnglishVector("d.data")} FROM {store.DatabaseSchemaName}.{DocumentTable} d " +
                      "ON CONFLICT (id) DO NOTHING;");
    }
}
