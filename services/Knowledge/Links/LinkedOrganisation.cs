using Marten;
using Network.Platform.Inbox;

namespace Network.Knowledge.Links;

/// <summary>
/// The Knowledge service's copy of an organisation from the Directory's integration events: what an item's links show (its
/// current name, archived or not) and what search and the analysis count by (its kind: the "actor kind"). The fields and
/// their versions are the platform's <see cref="DirectoryOrganisation"/>.
/// </summary>
public sealed class LinkedOrganisation : DirectoryOrganisation;

/// <summary>Keeps <see cref="LinkedOrganisation"/> in step with the Directory's organisation events, each applied once.</summary>
public sealed class DirectoryOrganisationsConsumer(IDocumentStore store) : DirectoryOrganisationsConsumer<LinkedOrganisation>(store);
