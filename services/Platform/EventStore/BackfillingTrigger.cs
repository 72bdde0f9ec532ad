using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql.Triggers;

namespace Network.Platform.EventStore;

/// <summary>
/// A row trigger (after insert and update, or the events given) that keeps a table of ours in step with one of Marten's
/// document tables, created together with a statement that fills it from the documents stored before the trigger existed
/// (<paramref name="backfill"/>), so a database that already holds documents is indexed in the same migration. Marten keeps no
/// column of ours on its own tables (its migrations drop what it does not know), so a table beside it, written by a trigger
/// in the same transaction as every write of the document whichever path wrote it, is how a service stores what a query
/// needs precomputed (the Directory's search vectors, the Knowledge service's search rows).
/// </summary>
public sealed class BackfillingTrigger : Trigger
{
    readonly string backfill;

    public BackfillingTrigger(DbObjectName name, DbObjectName target, string call, string backfill,
        TriggerEvents events = TriggerEvents.Insert | TriggerEvents.Update) : base(name, target, call)
    {
        this.backfill = backfill;
        Timing = TriggerTiming.After;
        Events = events;
        ForEachRow = true;
    }

    public override void WriteCreateStatement(Migrator migrator, TextWriter writer)
    {
        base.WriteCreateStatement(migrator, writer);
        if (backfill != "") writer.WriteLine(backfill);
    }
}
