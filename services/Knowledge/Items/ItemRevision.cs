namespace Network.Knowledge.Items;

/// <summary>One version of an item's content, kept for ever: who made it and when (id: "&lt;item&gt;/&lt;revision&gt;").</summary>
public sealed class ItemRevision
{
    public string Id { get; set; } = "";
    public Guid ItemId { get; set; }
    public int Revision { get; set; }
    public ItemContent Content { get; set; } = null!;
    public string By { get; set; } = "";
    public string ByName { get; set; } = "";
    public DateTimeOffset At { get; set; }

    public static string IdOf(Guid itemId, int revision) => $"{itemId:D}/{revision}";
}

/// <summary>One line of an item's history: what was done (drafted, revised, submitted, commented ...), by whom, when, why.</summary>
public sealed class ItemHistoryEntry
{
    /// <summary>"&lt;item&gt;/&lt;stream version&gt;": one entry per event of the item's stream, in its order.</summary>
    public string Id { get; set; } = "";
    public Guid ItemId { get; set; }
    public long Sequence { get; set; }
    public string What { get; set; } = "";
    public int? Revision { get; set; }
    public string? Text { get; set; }
    public string By { get; set; } = "";
    public string ByName { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
