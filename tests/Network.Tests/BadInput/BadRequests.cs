using System.Text;
using System.Text.Json.Nodes;

namespace Network.Tests.BadInput;

/// <summary>One malformed request: what is wrong with it (the label), and the request itself.</summary>
public sealed record BadRequest(Operation Operation, string Label, string Method, string Url, byte[]? Body, string? ContentType)
{
    public bool ExpectContinue { get; init; }

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Url);
        if (ExpectContinue) message.Headers.ExpectContinue = true;
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }
        return message;
    }

    public override string ToString() => $"{Method} {Url} [{Label}]";
}

/// <summary>
/// Derives malformed requests from an operation: a valid-looking baseline (real ids in the route, plausible values in the
/// body) that is never sent itself, and variants of it that are each invalid on their own: a wrong type, a value past
/// its bound, text no field takes, JSON that is not JSON, a body of the wrong content type. A variant that could be valid
/// by itself (an empty text, a missing field, emoji in a name) is sent only with a second field past its bound (a
/// "poisoned" body), so it still reaches the handler's validation and can still store nothing.
/// </summary>
public sealed class BadRequests(Func<Operation, string, string> pathValue, Func<string, FieldSchema, JsonNode?> baseline)
{
    const string Json = "application/json";
    const string LoneSurrogate = "@@lone-surrogate@@";
    public const int HugeText = 100_000;
    public const int HugeList = 10_000;

    static readonly string[] OddButValidText =
    [
        "\u202Eexe.tnemucod", "e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301", "👩🏽‍🚀🏳️‍🌈🇩🇪", "\uFEFF\u200B\u200D", "\uFFFF\uFFFE", "Ω≈ç√∫˜µ≤≥÷",
        "' OR 1=1 --", "<script>alert(1)</script>", "{{7*7}}${7*7}", "../../etc/passwd",
    ];

    public IEnumerable<BadRequest> For(Operation operation)
    {
        var path = FillRoute(operation, _ => null);
        foreach (var request in RouteVariants(operation)) yield return request;

        foreach (var parameter in operation.Parameters.Where(p => p.In == "query"))
            foreach (var (label, value) in QueryValues(parameter.Schema, operation.Method == "GET"))
                yield return new BadRequest(operation, $"query {parameter.Name}: {label}", operation.Method,
                    $"{path}?{parameter.Name}={value}", operation.Body is null ? null : Encoding.UTF8.GetBytes("{}"), operation.Body is null ? null : Json);
        if (operation.Parameters.Any(p => p is { In: "query", Schema.Kind: FieldKind.Integer }) && operation.Method == "GET")
        {
            var integer = operation.Parameters.First(p => p is { In: "query", Schema.Kind: FieldKind.Integer }).Name;
            yield return new BadRequest(operation, $"query {integer}: repeated", operation.Method, $"{path}?{integer}=1&{integer}=2", null, null);
        }

        if (operation.Body is null) yield break;
        var body = (JsonObject)baseline("body", operation.Body)!;
        foreach (var request in BodyVariants(operation, path, body)) yield return request;
        foreach (var (field, label, mutate, poison) in FieldVariants(operation.Body, body, prefix: ""))
        {
            var copy = (JsonObject)body.DeepClone();
            mutate(copy);
            if (poison && !Poison(copy, field, operation.Body)) continue;
            yield return Send(operation, path, $"{field}: {label}{(poison ? " (+ another field past its bound)" : "")}", Text(copy));
        }
    }

    string FillRoute(Operation operation, Func<string, string?> replace) =>
        $"/api/{operation.Service}" + System.Text.RegularExpressions.Regex.Replace(operation.Route, @"\{([^}]+)\}",
            m => replace(m.Groups[1].Value) ?? Uri.EscapeDataString(pathValue(operation, m.Groups[1].Value)));

    /// <summary>Each route value replaced by what names nothing: not an id, huge, NUL; and a method the route does not take.</summary>
    IEnumerable<BadRequest> RouteVariants(Operation operation)
    {
        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
        {
            string[] values = parameter.Schema.Kind == FieldKind.Uuid
                ? ["not-an-id", "1", "ffffffff-ffff-ffff-ffff-fffffffffffff", new string('a', 3000), "%00", "%E2%80%AE"]
                : [new string('9', 3000), "%00", "%ED%A0%80", "%20", "..%2F..%2Fadmin"];
            foreach (var value in values)
                yield return new BadRequest(operation, $"route {parameter.Name}: {Describe(value)}", operation.Method,
                    FillRoute(operation, name => name == parameter.Name ? value : null),
                    operation.Body is null ? null : Encoding.UTF8.GetBytes("{}"), operation.Body is null ? null : Json);
        }
        yield return new BadRequest(operation, "method the route does not take", "PATCH", FillRoute(operation, _ => null),
            Encoding.UTF8.GetBytes("{}"), Json);
    }

    static IEnumerable<(string Label, string Value)> QueryValues(FieldSchema schema, bool isRead)
    {
        var common = new List<(string, string)> { ("huge", new string('x', 5000)), ("NUL", "a%00b"), ("invalid UTF-8", "%FF%FE"), ("lone surrogate", "%ED%A0%80") };
        var specific = schema.Kind switch
        {
            FieldKind.Integer => [("negative", "-1"), ("zero", "0"), ("past int", schema.Values is ["int64"] ? "9223372036854775808" : "2147483648"), ("past long", "99999999999999999999999"), ("not a number", "abc"),
                ("fraction", "1.5"), ("NaN", "NaN"), ("Infinity", "Infinity"), ("huge page", "100001"), ("hex", "0x10")],
            FieldKind.Enumeration => [("a number", "0"), ("a negative number", "-1"), ("not a member", "NotAMember"), ("lower case number", "1e3")],
            FieldKind.DateTime or FieldKind.Date => [("not a date", "tomorrow"), ("year 1", "0001-01-01T00:00:00Z"), ("year 9999", "9999-12-31T23:59:59Z"),
                ("February 30", "2025-02-30"), ("overflowing offset", "2025-01-01T00:00:00%2B99:00")],
            FieldKind.Uuid => [("not an id", "not-an-id"), ("nil", "00000000-0000-0000-0000-000000000000"), ("too long", "ffffffff-ffff-ffff-ffff-fffffffffffff")],
            FieldKind.Boolean => [("not a boolean", "maybe"), ("a number", "2")],
            _ => new List<(string, string)> { ("RTL override", "%E2%80%AEabc"), ("emoji", "%F0%9F%8F%B3%EF%B8%8F"), ("injection", "%27%20OR%201%3D1%20--"), ("percent", "%25") },
        };
        // A write with a bad query value must not run (a replay from a nonsense sequence): only values that can be no sequence.
        return isRead ? [.. common, .. specific] : [.. common, .. specific.Where(v => v.Item1 is not ("zero" or "negative" or "huge page"))];
    }

    IEnumerable<BadRequest> BodyVariants(Operation operation, string path, JsonObject body)
    {
        var valid = Text(body);
        var extra = (JsonObject)body.DeepClone();
        extra["unexpectedField"] = "what a misspelt field would carry";
        yield return Send(operation, path, "unknown extra field", Text(extra));
        if (body.Count > 0)
        {
            var (first, value) = body.First();
            yield return Send(operation, path, "a field twice", valid.TrimEnd('}') + $",\"{first}\":{value?.ToJsonString() ?? "null"}}}");
        }
        yield return Send(operation, path, "truncated JSON", valid[..(valid.Length / 2)]);
        if (!operation.BodyIsOptional)
        {
            yield return Send(operation, path, "empty body", "");
            yield return Send(operation, path, "null", "null");
        }
        foreach (var (label, text) in new[]
        {
            ("not JSON", "this is not JSON"), ("lone brace", "{"), ("a list", "[]"), ("a string", "\"text\""),
            ("a number", "42"), ("two objects", "{}{}"), ("trailing comma", valid.TrimEnd('}') + ",}"), ("a comment", "/* comment */" + valid),
            ("NaN literal", "{\"x\": NaN}"), ("deeply nested", new string('[', 5000) + new string(']', 5000)),
            ("nested objects", string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 40)), ("single quotes", valid.Replace('"', '\'')),
        })
            yield return Send(operation, path, label, text);
        yield return new BadRequest(operation, "invalid UTF-8", operation.Method, path, [.. Encoding.UTF8.GetBytes("{\"x\":\""), 0xFF, 0xFE, (byte)'"', (byte)'}'], Json);
        foreach (var contentType in new[] { "text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x", null, "application/json; charset=utf-16" })
            yield return new BadRequest(operation, $"content type {contentType ?? "missing"}", operation.Method, path, Encoding.UTF8.GetBytes(valid), contentType);
        // Expect: 100-continue, so the client hears the 413 before it sends the body (without, it may still be writing
        // when the server answers and closes the connection).
        yield return Send(operation, path, "body over 1 MiB", Text(WithField(body, "padding", new string('x', 1024 * 1024 + 10)))) with { ExpectContinue = true };
    }

    static JsonObject WithField(JsonObject body, string name, JsonNode value)
    {
        var copy = (JsonObject)body.DeepClone();
        copy[name] = value;
        return copy;
    }

    /// <summary>(field, label, mutation, poison): poison when the mutated body might be valid by itself.</summary>
    IEnumerable<(string Field, string Label, Action<JsonObject> Mutate, bool Poison)> FieldVariants(FieldSchema schema, JsonObject body, string prefix)
    {
        foreach (var (name, field) in schema.Members)
        {
            var qualified = prefix + name;
            var top = prefix.Length == 0 ? name : prefix.Split('.')[0];
            Action<JsonObject> Set(Func<JsonNode?> value) => root => Target(root, prefix)[name] = value();
            yield return (top, "missing (" + qualified + ")", root => Target(root, prefix).Remove(name), true);
            yield return (top, "null (" + qualified + ")", Set(() => null), true);
            foreach (var (label, value) in WrongTypes(field))
                yield return (top, $"{qualified} {label}", Set(value), false);
            foreach (var (label, value, poison) in BadValues(name, field))
                yield return (top, $"{qualified} {label}", Set(value), poison);
            if (field.Kind == FieldKind.Object && baseline(name, field) is JsonObject && prefix.Length == 0)
            {
                foreach (var nested in FieldVariants(field, body, qualified + "."))
                    yield return nested;
                yield return (top, $"{qualified} with an unknown field", root => ((JsonObject)Target(root, prefix)[name]!)["unexpectedField"] = 1, false);
            }
        }
    }

    static JsonObject Target(JsonObject root, string prefix)
    {
        var target = root;
        foreach (var segment in prefix.Split('.', StringSplitOptions.RemoveEmptyEntries))
            target = target[segment] as JsonObject ?? (JsonObject)(target[segment] = new JsonObject());
        return target;
    }

    static IEnumerable<(string, Func<JsonNode?>)> WrongTypes(FieldSchema field) => field.Kind switch
    {
        FieldKind.Text or FieldKind.Uuid or FieldKind.Date or FieldKind.DateTime or FieldKind.Enumeration =>
            [("as a number", () => 12345), ("as true", () => true), ("as an object", () => new JsonObject()), ("as a list", () => new JsonArray("x"))],
        FieldKind.Integer or FieldKind.Number =>
            [("as text", () => "abc"), ("as true", () => true), ("as an object", () => new JsonObject()), ("as a list", () => new JsonArray(1)),
             ("as NaN text", () => "NaN"), ("as Infinity text", () => "-Infinity")],
        FieldKind.Boolean => [("as text", () => "yes"), ("as a number", () => 1)],
        FieldKind.List => [("as text", () => "x"), ("as an object", () => new JsonObject()), ("as a number", () => 1),
            ("with an item of the wrong type", () => new JsonArray(field.Items?.Kind is FieldKind.Integer ? "x" : new JsonObject()))],
        FieldKind.Object => [("as text", () => "x"), ("as a list", () => new JsonArray()), ("as a number", () => 1)],
        _ => [],
    };

    IEnumerable<(string Label, Func<JsonNode?> Value, bool Poison)> BadValues(string name, FieldSchema field)
    {
        switch (field.Kind)
        {
            case FieldKind.Text:
                yield return ($"huge ({HugeText:N0} characters)", () => new string('x', HugeText), false);
                yield return ("huge emoji (40,000 characters)", () => string.Concat(Enumerable.Repeat("👩🏽‍🚀", 40_000 / 7 + 1)), false);
                yield return ("huge combining marks", () => "e" + new string('\u0301', 20_000), false);
                yield return ("with NUL", () => "before\0after", false);
                yield return ("with an escape character", () => "before\u001Bafter", false);
                yield return ("with a lone surrogate", () => LoneSurrogate, false);
                yield return ("empty", () => "", true);
                yield return ("blank", () => "   \t  ", true);
                foreach (var odd in OddButValidText) yield return ($"odd text {Describe(odd)}", () => odd, true);
                break;
            case FieldKind.Uuid:
                foreach (var text in new[] { "not-an-id", "", "{00000000-0000-0000-0000-000000000001}x", "00000000-0000-0000-0000-0000000000001" })
                    yield return ($"'{text}'", () => text, false);
                yield return ("nil", () => Guid.Empty.ToString(), true);
                yield return ("unknown id", () => Guid.NewGuid().ToString(), true);
                break;
            case FieldKind.Date:
                foreach (var text in new[] { "31.12.2025", "2025-13-45", "2025-02-30", "", "0001-01-01", "9999-12-31", "1899-12-31", "2100-01-01", "20250101" })
                    yield return ($"'{text}'", () => text, false);
                break;
            case FieldKind.DateTime:
                foreach (var text in new[] { "tomorrow", "2025-02-30T10:00:00Z", "", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "1899-12-31T23:00:00Z", "2100-01-01T00:00:00Z", "2025-06-01T10:00:00+25:00" })
                    yield return ($"'{text}'", () => text, false);
                break;
            case FieldKind.Integer:
                foreach (var (label, value) in new (string, Func<JsonNode?>)[]
                {
                    ("past int", () => JsonNode.Parse("2147483648")), ("past long", () => JsonNode.Parse("9223372036854775808")),
                    ("below int", () => JsonNode.Parse("-2147483649")), ("past decimal", () => JsonNode.Parse("1e400")), ("a fraction", () => 1.5),
                    ("int's largest", () => int.MaxValue), ("int's smallest", () => int.MinValue), ("past int as text", () => "2147483648"),
                })
                    yield return (label, value, false);
                yield return ("negative", () => -1, true);
                yield return ("zero", () => 0, true);
                break;
            case FieldKind.Enumeration:
                foreach (var (label, value) in new (string, Func<JsonNode?>)[] { ("as its number", () => 0), ("as a negative number", () => -1), ("not a member", () => "NotAMember"), ("empty", () => ""), ("as number text", () => "1") })
                    yield return (label, value, false);
                yield return ("in lower case", () => field.Values.FirstOrDefault()?.ToLowerInvariant(), true);
                break;
            case FieldKind.Boolean:
                yield return ("as text 'true'", () => "true", false);
                break;
            case FieldKind.List:
                yield return ($"huge ({HugeList:N0} items)", () => new JsonArray([.. Enumerable.Range(0, HugeList).Select(i => Item(field.Items, i))]), false);
                yield return ("with a null item", () => new JsonArray(Item(field.Items, 0), null), true);
                yield return ("empty", () => new JsonArray(), true);
                if (field.Items?.Kind is FieldKind.Text)
                {
                    yield return ("with a huge item", () => new JsonArray(new string('x', HugeText)), false);
                    yield return ("with a NUL item", () => new JsonArray("a\0b"), false);
                    yield return ("with an empty item", () => new JsonArray(""), true);
                }
                if (field.Items?.Kind is FieldKind.Integer)
                    yield return ("with an item past int", () => new JsonArray(JsonNode.Parse("2147483648")), false);
                if (field.Items?.Kind is FieldKind.Date)
                    yield return ("with a date in year 1", () => new JsonArray("0001-01-01"), false);
                break;
        }
    }

    JsonNode? Item(FieldSchema? item, int index) => item?.Kind switch
    {
        FieldKind.Uuid => Guid.NewGuid().ToString(),
        FieldKind.Integer => index,
        FieldKind.Date => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1 + index % 3000)).ToString("yyyy-MM-dd"),
        FieldKind.Object => baseline("item", item),
        _ => $"item-{index}",
    };

    /// <summary>Sets another text or list field than <paramref name="except"/> past any bound; false when the body has none.</summary>
    static bool Poison(JsonObject body, string except, FieldSchema schema)
    {
        foreach (var (name, field) in schema.Members)
        {
            if (name == except) continue;
            if (field.Kind == FieldKind.Text)
            {
                body[name] = new string('p', HugeText);
                return true;
            }
            if (field.Kind == FieldKind.List && field.Items?.Kind is FieldKind.Text)
            {
                body[name] = new JsonArray([.. Enumerable.Range(0, 2 * HugeList).Select(i => (JsonNode)$"p{i}")]);
                return true;
            }
        }
        return false;
    }

    static string Text(JsonObject body) =>
        body.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .Replace(LoneSurrogate, "\\uD800", StringComparison.Ordinal);

    static BadRequest Send(Operation operation, string path, string label, string json) =>
        new(operation, label, operation.Method, path, Encoding.UTF8.GetBytes(json), Json);

    static string Describe(string value) =>
        value.Length > 40 ? $"{value.Length} characters" : string.Concat(value.Select(c => c < 0x20 || c > 0x7E ? $"\\u{(int)c:X4}" : c.ToString()));
}
