using Marten;
using Network.Platform.Inbox;

namespace Network.Events.Organisations;

/// <summary>Keeps <see cref="KnownOrganisation"/> in step with the Directory's organisation events, each applied once.</summary>
public sealed class DirectoryOrganisationsConsumer(IDocumentStore store) : DirectoryOrganisationsConsumer<KnownOrganisation>(store);
