using Marten;
using Network.Knowledge.Files;
using Network.Knowledge.Links;
using Network.Platform.EventStore;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using Weasel.Postgresql.Functions;
using Weasel.Postgresql.Tables;
using Weasel.Postgresql.Triggers;

namespace Network.Knowledge.Items.Searching;

/// <summary>
/// What search, its facets and the analysis read: one narrow row per <em>published</em> item in <c>item_search</c>, beside
/// Marten's document table: the item's texts as stored vectors (German stemmed in German, English in English, a
/// publication's PDF text in both), every value a facet counts or a filter asks for as a tag (<c>theme:climate</c>,
/// <c>state:05</c>, <c>actorKind:association</c> ...), the organisations it names, when it was published. One GIN index
/// holds the vectors and the tags, so a search with filters finds its matches in the index (the text's posting list and
/// the filters' intersected) and reads only the rows that match all of them: before, the text's matches were fetched as
/// whole documents, filtered on their JSON, their actor kinds looked up one by one and their text stemmed again for the
/// rank, so a filtered search cost what its text alone matched (docs/knowledge.md, Search).
/// <para>
/// Written by triggers in the transaction of every write, whichever path wrote it (<see cref="BackfillingTrigger"/>; Marten
/// keeps no column of ours on its own tables): the item's snapshot (published: the row is written; anything else: it is
/// removed), its PDF text, and the copy of a Directory organisation whose kind changed (the actor kinds of the rows that
/// name it). One function builds a row (<c>item_search_refresh</c>) for all three, so the row cannot depend on which wrote last.
/// </para>
/// </summary>
public sealed class SearchRows(StoreOptions store) : FeatureSchemaBase("KnowledgeItemSearch", new PostgresqlMigrator())
{
    public const string Table = "item_search";

    /// <summary>The prefix of a tag: the facet it counts for (<c>theme</c> in <c>theme:climate</c>).</summary>
    public static string Tag(string facet, string value) => $"{facet}:{value}";

    /// <summary>The facets, each a tag prefix; a tag's value is what follows the first colon.</summary>
    public static readonly string[] Facets = ["type", "theme", "sdg", "language", "municipality", "state", "year", "actorKind"];

    public static void Configure(StoreOptions store) => store.Storage.Add(new SearchRows(store));

    public static string QualifiedTable(string schema) => $"{schema}.{Table}";

    /// <summary>The year a publication counts for: its date in German time (an item published at 00:30 on New Year's Day in Berlin counts for the new year).</summary>
    const string PublishedYear = "extract(year from p.at at time zone 'Europe/Berlin')::int";

    string Schema => store.DatabaseSchemaName;
    PostgresqlObjectName Name(string name) => new(Schema, name, SchemaUtils.IdentifierUsage.General);

    public override IEnumerable<Type> DependentTypes() => [typeof(KnowledgeItem), typeof(PublicationText), typeof(LinkedOrganisation)];

    const string Columns = "id, published_at, published_year, organisations, tags, german, english, file_german, file_english";

    /// <summary>The rows of the published items among <c>d</c> (Marten's item documents) that <paramref name="where"/> admits.</summary>
    string Rows(string where) => $"""
        SELECT d.id, p.at, {PublishedYear}, o.ids,
               array['type:' || (d.data ->> 'Type'), 'year:' || {PublishedYear}]
               || array(SELECT 'theme:' || t FROM jsonb_array_elements_text(d.data -> 'Content' -> 'Themes') t)
               || array(SELECT 'sdg:' || s FROM jsonb_array_elements_text(d.data -> 'Content' -> 'Sdgs') s)
               || array(SELECT 'language:' || l FROM jsonb_array_elements_text(d.data -> 'Languages') l)
               || array(SELECT v FROM (VALUES ('municipality:' || (d.data -> 'Content' ->> 'MunicipalityAgs')),
                                              ('state:' || left(d.data -> 'Content' ->> 'MunicipalityAgs', 2))) m(v) WHERE v IS NOT NULL)
               || {ActorKindTags("o.ids")},
               to_tsvector('german', coalesce(d.data ->> 'SearchGerman', '')),
               to_tsvector('english', coalesce(d.data ->> 'SearchEnglish', '')),
               to_tsvector('german', f.data ->> 'Text'),
               to_tsvector('english', f.data ->> 'Text')
        FROM {Schema}.mt_doc_knowledgeitem d
        CROSS JOIN LATERAL (SELECT coalesce((d.data ->> 'PublishedAt')::timestamptz, (d.data ->> 'UpdatedAt')::timestamptz) AS at) p
        CROSS JOIN LATERAL (SELECT array(SELECT x::uuid FROM jsonb_array_elements_text(d.data -> 'Content' -> 'Organisations') x
                                         UNION SELECT (d.data ->> 'OrganisationId')::uuid WHERE d.data ->> 'OrganisationId' IS NOT NULL) AS ids) o
        LEFT JOIN {Schema}.mt_doc_publicationtext f ON f.id = d.id
        WHERE d.data ->> 'Status' = 'Published' AND {where}
        """;

    /// <summary>The kinds, as the copy of the Directory's organisations has them, of the organisations in <paramref name="ids"/>, as tags.</summary>
    string ActorKindTags(string ids) => $"""
        array(SELECT DISTINCT 'actorKind:' || (k.data ->> 'Kind') FROM {Schema}.mt_doc_linkedorganisation k
              WHERE k.id = any({ids}) AND k.data ->> 'Kind' IS NOT NULL)
        """;

    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        var table = new Table(Name(Table));
        table.AddColumn<Guid>("id").AsPrimaryKey();
        table.AddColumn("published_at", "timestamp with time zone").NotNull();
        table.AddColumn("published_year", "integer").NotNull();
        table.AddColumn("organisations", "uuid[]").NotNull();
        table.AddColumn("tags", "text[]").NotNull();
        table.AddColumn("german", "tsvector").NotNull();
        table.AddColumn("english", "tsvector").NotNull();
        table.AddColumn("file_german", "tsvector");
        table.AddColumn("file_english", "tsvector");
        table.ForeignKeys.Add(new ForeignKey($"fk_{Table}_item")
        {
            ColumnNames = ["id"],
            LinkedNames = ["id"],
            LinkedTable = Name("mt_doc_knowledgeitem"),
#pragma warning disable CS0618 // Weasel's ForeignKey still takes the PostgreSQL-specific enum it marks obsolete
            OnDelete = Weasel.Postgresql.CascadeAction.Cascade,
#pragma warning restore CS0618
        });
        // One index for the text and the filters: a search's conditions are all answered in it, intersected there.
        table.Indexes.Add(new IndexDefinition($"{Table}_match") { Method = IndexMethod.gin, Columns = ["german", "english", "file_german", "file_english", "tags"] });
        // Which rows name an organisation whose kind changed.
        table.Indexes.Add(new IndexDefinition($"{Table}_organisations") { Method = IndexMethod.gin, Columns = ["organisations"] });
        yield return table;

        var qualified = QualifiedTable(Schema);
        // The organisations' rows are read FOR SHARE first: a kind being changed in a transaction not yet committed is
        // waited for, and the next statement (a new snapshot in PL/pgSQL) sees it, so a publication and a change of kind at
        // the same moment cannot leave the old kind in the row.
        yield return Function.ForSql($$"""
            CREATE OR REPLACE FUNCTION {{Schema}}.{{Table}}_refresh(item uuid) RETURNS void LANGUAGE plpgsql AS $function$
            BEGIN
                PERFORM 1 FROM {{Schema}}.mt_doc_linkedorganisation k, {{Schema}}.mt_doc_knowledgeitem d
                WHERE d.id = item AND (k.id = (d.data ->> 'OrganisationId')::uuid
                                       OR d.data -> 'Content' -> 'Organisations' ? k.id::text)
                FOR SHARE OF k;
                INSERT INTO {{qualified}} ({{Columns}})
                {{Rows("d.id = item")}}
                ON CONFLICT (id) DO UPDATE SET published_at = excluded.published_at, published_year = excluded.published_year,
                    organisations = excluded.organisations, tags = excluded.tags, german = excluded.german, english = excluded.english,
                    file_german = excluded.file_german, file_english = excluded.file_english;
                IF NOT FOUND THEN
                    DELETE FROM {{qualified}} WHERE id = item;
                END IF;
            END;
            $function$;
            """);

        // The item: a draft that stays a draft writes nothing here.
        yield return Function.ForSql($$"""
            CREATE OR REPLACE FUNCTION {{Schema}}.{{Table}}_item() RETURNS trigger LANGUAGE plpgsql AS $function$
            BEGIN
                IF NEW.data ->> 'Status' <> 'Published' AND (TG_OP = 'INSERT' OR OLD.data ->> 'Status' <> 'Published') THEN
                    RETURN NULL;
                END IF;
                PERFORM {{Schema}}.{{Table}}_refresh(NEW.id);
                RETURN NULL;
            END;
            $function$;
            """);
        yield return new BackfillingTrigger(Name($"{Table}_item_trigger"), Name("mt_doc_knowledgeitem"), $"{Schema}.{Table}_item()",
            backfill: $"INSERT INTO {qualified} ({Columns}) {Rows("true")} ON CONFLICT (id) DO NOTHING;");

        // A publication's PDF text, attached, replaced or removed.
        yield return Function.ForSql($$"""
            CREATE OR REPLACE FUNCTION {{Schema}}.{{Table}}_file() RETURNS trigger LANGUAGE plpgsql AS $function$
            BEGIN
                PERFORM {{Schema}}.{{Table}}_refresh(CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
                RETURN NULL;
            END;
            $function$;
            """);
        yield return new BackfillingTrigger(Name($"{Table}_file_trigger"), Name("mt_doc_publicationtext"), $"{Schema}.{Table}_file()",
            backfill: "", events: TriggerEvents.Insert | TriggerEvents.Update | TriggerEvents.Delete);

        // An organisation of the Directory's whose kind is new or changed: the actor kinds of the rows that name it.
        yield return Function.ForSql($$"""
            CREATE OR REPLACE FUNCTION {{Schema}}.{{Table}}_organisation() RETURNS trigger LANGUAGE plpgsql AS $function$
            BEGIN
                IF TG_OP = 'UPDATE' AND OLD.data ->> 'Kind' IS NOT DISTINCT FROM NEW.data ->> 'Kind' THEN
                    RETURN NULL;
                END IF;
                UPDATE {{qualified}} s
                SET tags = array(SELECT t FROM unnest(s.tags) t WHERE t NOT LIKE 'actorKind:%') || {{ActorKindTags("s.organisations")}}
                WHERE s.organisations @> array[NEW.id];
                RETURN NULL;
            END;
            $function$;
            """);
        yield return new BackfillingTrigger(Name($"{Table}_organisation_trigger"), Name("mt_doc_linkedorganisation"), $"{Schema}.{Table}_organisation()",
            backfill: "");
    }
}
