using Marten;
using Network.Knowledge.Items;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Network.Knowledge.Files;

/// <summary>The text PdfPig extracted from a publication's PDF, searched with the item's own texts (id: the item's).</summary>
public sealed class PublicationText
{
    public Guid Id { get; set; }
    public string Text { get; set; } = "";
}

/// <summary>
/// Where a publication's PDF is kept: in the Knowledge service's own database, a row per item in <c>knowledge_file</c>
/// (bytea, at most <see cref="PdfCheck.MaxBytes"/>), written in the transaction of the event that attaches it. One
/// store to back up and restore, no second server, and the file can never disagree with the item (docs/knowledge.md,
/// Files). A foreign key removes the file with the item's snapshot.
/// </summary>
public sealed class PublicationFileStore(StoreOptions store) : FeatureSchemaBase("KnowledgeFiles", new PostgresqlMigrator())
{
    public const string Table = "knowledge_file";

    public static void Configure(StoreOptions store)
    {
        store.Storage.Add(new PublicationFileStore(store));
        store.Schema.For<PublicationText>(); // searched through Items/Searching/SearchRows, which stores its vectors
    }

    public static string QualifiedTable(string schema) => $"{schema}.{Table}";

    public override IEnumerable<Type> DependentTypes() => [typeof(KnowledgeItem)];

    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        var table = new Table(new PostgresqlObjectName(store.DatabaseSchemaName, Table, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("item_id").AsPrimaryKey();
        table.AddColumn("sha256", "text").NotNull();
        table.AddColumn("content", "bytea").NotNull();
        table.ForeignKeys.Add(new ForeignKey($"fk_{Table}_item")
        {
            ColumnNames = ["item_id"],
            LinkedNames = ["id"],
            LinkedTable = new PostgresqlObjectName(store.DatabaseSchemaName, "mt_doc_knowledgeitem", SchemaUtils.IdentifierUsage.General),
#pragma warning disable CS0618 // Weasel's ForeignKey still takes the PostgreSQL-specific enum it marks obsolete
            OnDelete = Weasel.Postgresql.CascadeAction.Cascade,
#pragma warning restore CS0618
        });
        yield return table;
    }
}
