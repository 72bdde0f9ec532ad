namespace Network.Platform.Exports;

/// <summary>
/// One column of an export: its key (the property name in JSON), its header in German and in English, and the cell a
/// row gives it. A cell is text (<see cref="string"/>), a number (<see cref="int"/>, <see cref="long"/>,
/// <see cref="double"/>, <see cref="decimal"/>), a moment (<see cref="DateTimeOffset"/>, shown as Berlin's wall-clock
/// time), a day (<see cref="DateOnly"/>), yes or no (<see cref="bool"/>), or <c>null</c> for an empty cell.
/// </summary>
public sealed record ExportColumn<TRow>(string Key, string German, string English, Func<TRow, object?> Cell)
{
    public string Header(ExportLanguage language) => language == ExportLanguage.German ? German : English;
}

/// <summary>The rows of one export and what each column holds; the name is the worksheet's, in German and in English.</summary>
public sealed record ExportTable<TRow>(string German, string English, IReadOnlyList<ExportColumn<TRow>> Columns)
{
    public string Name(ExportLanguage language) => language == ExportLanguage.German ? German : English;
}
