using Microsoft.AspNetCore.Http.HttpResults;

namespace Network.Partners.Catalogue;

/// <param name="Fields">The payload's fields (the CloudEvent's <c>data</c>) and their .NET types.</param>
public sealed record EventTypeResponse(string Type, string Service, string Entity, string Description, string Payload,
    IReadOnlyDictionary<string, string> Fields);

public static class ListEventTypes
{
    /// <summary>GET /event-types: the public catalogue, for anybody (partners choose their filters from it).</summary>
    public static Ok<IReadOnlyList<EventTypeResponse>> Handle() => TypedResults.Ok<IReadOnlyList<EventTypeResponse>>(
        [.. PublicEvents.All.Select(t => new EventTypeResponse(t.Type, t.Service, t.Entity, t.Description, t.Payload.Name,
            t.Payload.GetProperties().ToDictionary(p => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name), p => TypeName(p.PropertyType))))]);

    static string TypeName(Type type) =>
        Nullable.GetUnderlyingType(type) is { } inner ? TypeName(inner) + "?"
        : type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>"
        : type.Name;
}
