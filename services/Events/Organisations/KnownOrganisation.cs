using Network.Platform.Inbox;

namespace Network.Events.Organisations;

/// <summary>
/// The Events service's local copy of an organisation known from the Directory's integration events (organisers,
/// and later the statistics by kind and federal state). An organiser must be <see cref="DirectoryOrganisation.Registered"/>
/// and not archived; the fields and their versions are the platform's <see cref="DirectoryOrganisation"/>.
/// </summary>
public sealed class KnownOrganisation : DirectoryOrganisation;
