using Marten;
using Network.Platform.Inbox;

namespace Network.Forum.Organisations;

/// <summary>Keeps <see cref="MemberOrganisation"/> in step with the Directory's organisation events, each applied once.</summary>
public sealed class DirectoryOrganisationsConsumer(IDocumentStore store) : DirectoryOrganisationsConsumer<MemberOrganisation>(store);
