using System.Text.Json;

namespace Network.Tests.BadInput;

/// <summary>What a field of a request is, as the service's OpenAPI document describes it.</summary>
public enum FieldKind { Text, Uuid, Date, DateTime, Integer, Number, Boolean, Enumeration, List, Object }

/// <summary>One field's schema, resolved from the document's references.</summary>
public sealed record FieldSchema(FieldKind Kind, IReadOnlyList<string> Values, FieldSchema? Items, IReadOnlyList<(string Name, FieldSchema Schema)> Members)
{
    public static readonly FieldSchema Unknown = new(FieldKind.Text, [], null, []);
}

public sealed record OperationParameter(string Name, string In, FieldSchema Schema);

/// <summary>One operation of one service: its method and route (as the service maps it), its parameters and body.</summary>
/// <param name="BodyIsOptional">the body may be left out (its schema allows null): an empty body is a valid request.</param>
public sealed record Operation(string Service, string Method, string Route, IReadOnlyList<OperationParameter> Parameters, FieldSchema? Body, bool BodyIsOptional)
{
    public override string ToString() => $"{Method} /api/{Service}{Route}";
}

/// <summary>Reads a service's OpenAPI 3.1 document (as ASP.NET Core writes it) into its operations.</summary>
public static class OpenApiOperations
{
    public static IReadOnlyList<Operation> Read(string service, JsonElement document)
    {
        var schemas = document.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var s)
            ? s : default;
        var operations = new List<Operation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Name == "parameters") continue;
                var parameters = operation.Value.TryGetProperty("parameters", out var list)
                    ? list.EnumerateArray().Select(p => new OperationParameter(
                        p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                        p.TryGetProperty("schema", out var schema) ? Resolve(schema, schemas, 0) : FieldSchema.Unknown)).ToList()
                    : [];
                FieldSchema? body = null;
                var optional = false;
                if (operation.Value.TryGetProperty("requestBody", out var requestBody)
                    && requestBody.GetProperty("content").TryGetProperty("application/json", out var json))
                {
                    body = Resolve(json.GetProperty("schema"), schemas, 0);
                    optional = json.GetProperty("schema").TryGetProperty("oneOf", out var oneOf) && oneOf.EnumerateArray().Any(IsNull);
                }
                operations.Add(new Operation(service, operation.Name.ToUpperInvariant(), path.Name, parameters, body, optional));
            }
        return operations;
    }

    static FieldSchema Resolve(JsonElement schema, JsonElement schemas, int depth)
    {
        if (depth > 8) return FieldSchema.Unknown;
        if (schema.TryGetProperty("$ref", out var reference))
            return Resolve(schemas.GetProperty(reference.GetString()!.Split('/')[^1]), schemas, depth + 1);
        if (schema.TryGetProperty("oneOf", out var oneOf) || schema.TryGetProperty("anyOf", out oneOf))
            return oneOf.EnumerateArray().Where(o => !IsNull(o)).Select(o => Resolve(o, schemas, depth + 1)).FirstOrDefault() ?? FieldSchema.Unknown;
        if (schema.TryGetProperty("enum", out var values))
            return new FieldSchema(FieldKind.Enumeration, [.. values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)], null, []);

        var types = !schema.TryGetProperty("type", out var type) ? []
            : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray() : [type.GetString()!];
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        if (types.Contains("array"))
            return new FieldSchema(FieldKind.List, [], schema.TryGetProperty("items", out var items) ? Resolve(items, schemas, depth + 1) : FieldSchema.Unknown, []);
        if (types.Contains("object") || schema.TryGetProperty("properties", out _))
            return new FieldSchema(FieldKind.Object, [], null, schema.TryGetProperty("properties", out var properties)
                ? [.. properties.EnumerateObject().Select(p => (p.Name, Resolve(p.Value, schemas, depth + 1)))]
                : []);
        if (types.Contains("integer")) return new FieldSchema(FieldKind.Integer, [format ?? "int32"], null, []);
        if (types.Contains("number")) return new FieldSchema(FieldKind.Number, [], null, []);
        if (types.Contains("boolean")) return new FieldSchema(FieldKind.Boolean, [], null, []);
        return format switch
        {
            "uuid" => new FieldSchema(FieldKind.Uuid, [], null, []),
            "date" => new FieldSchema(FieldKind.Date, [], null, []),
            "date-time" => new FieldSchema(FieldKind.DateTime, [], null, []),
            _ => FieldSchema.Unknown,
        };
    }

    static bool IsNull(JsonElement schema) => schema.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null";
}
