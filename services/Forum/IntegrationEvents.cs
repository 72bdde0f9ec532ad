using Network.Platform.Outbox;

namespace Network.Forum;

/// <summary>What the Forum tells other services: only that it forgot an erased person (its read models are fed by others).</summary>
public sealed class IntegrationEvents : IntegrationEventMap
{
    public const string ServiceName = "forum";

    public IntegrationEvents() => PublishErasureConfirmations((person, at) => new Network.Contracts.Forum.PersonalDataErasureConfirmed(person, at));
}
