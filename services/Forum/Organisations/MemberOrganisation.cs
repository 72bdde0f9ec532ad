using Network.Platform.Inbox;

namespace Network.Forum.Organisations;

/// <summary>
/// The Forum's local copy of an organisation known from the Directory's integration events. Only verified, public,
/// not archived organisations take part in the forum, and only once their registration arrived
/// (<see cref="DirectoryOrganisation.RegistrationsApplied"/>); the fields and their versions are the platform's
/// <see cref="DirectoryOrganisation"/>.
/// </summary>
public sealed class MemberOrganisation : DirectoryOrganisation;
