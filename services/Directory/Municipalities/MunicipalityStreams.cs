using Marten;
using Marten.Events.Projections;

namespace Network.Directory.Municipalities;

/// <summary>
/// Municipalities are event-sourced: each has its own stream, keyed by a Guid derived from its AGS, so the same
/// municipality always maps to the same stream. Adding one twice (two replicas loading the pilot cities at once,
/// or staff adding an AGS that exists) collides on the stream id instead of creating a second municipality.
/// </summary>
public static class MunicipalityStreams
{
    /// <summary>
    /// The stream id of a municipality: the AGS digits in the last group of an otherwise zero Guid (version
    /// nibble 0, so it never equals a generated v4/v7 id), readable in the event store.
    /// </summary>
    public static Guid StreamId(string ags) =>
        Ags.IsValid(ags) ? Guid.Parse($"00000000-0000-0000-0000-0000{ags}") : throw new ArgumentException(Ags.Explanation, nameof(ags));
}

/// <summary>Keeps the <see cref="Municipality"/> documents (keyed by AGS) in step with the municipality streams, inline.</summary>
public sealed partial class MunicipalityProjection : EventProjection
{
    public Municipality Create(MunicipalityAdded added) => Municipality.Create(added);
}
