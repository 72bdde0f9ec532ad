using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Network.Platform.Http;

/// <summary>
/// The bounds every request keeps, whatever its endpoint: each JSON string at most <see cref="MaxTextLength"/> characters
/// and free of control characters, each JSON list at most <see cref="MaxListItems"/> items, bodies nested at most
/// <see cref="MaxDepth"/> levels, each query and route value at most <see cref="MaxQueryValueLength"/> characters. A field
/// past a bound is a 400 problem naming it (<c>description.de</c>, <c>topics</c>) before any handler reads the body. A use
/// case's own caps (a name of 200 characters, ten preferred dates) are tighter and stay in its <see cref="Validation"/>; these
/// are the ceiling for every field that has none, so no field is unbounded. NUL reaches no database either (PostgreSQL
/// refuses it in text and jsonb, which was a 500).
/// </summary>
public static class InputLimits
{
    /// <summary>The longest text any field takes: the longest field cap of the platform (an organisation's description).</summary>
    public const int MaxTextLength = 10_000;

    /// <summary>The most items any list takes: more than the longest list cap of the platform (60 countries).</summary>
    public const int MaxListItems = 100;

    public const int MaxDepth = 16;
    public const int MaxQueryValueLength = 2_000;
    const int MaxMemberNameLength = 100;
    const int MaxErrors = 20;

    /// <summary>Runs after authorisation: a caller who may not use the endpoint hears 401 or 403 first.</summary>
    public static IApplicationBuilder UseInputLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint() is null)
        {
            await next(context);
            return;
        }
        var validation = new Validation();
        foreach (var (name, values) in context.Request.Query)
            foreach (var value in values)
                validation.Text(name, value, MaxQueryValueLength);
        foreach (var (name, value) in context.Request.RouteValues)
            if (value is string text) validation.Text(name, text, MaxQueryValueLength);

        var request = context.Request;
        if (IsJson(request.ContentType) && request.ContentLength is not 0)
        {
            request.EnableBuffering();
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, context.RequestAborted); // the body size limit applies: 413
            request.Body.Position = 0;
            CheckJson(body.GetBuffer().AsSpan(0, (int)body.Length), validation);
        }
        validation.ThrowIfInvalid();
        await next(context);
    });

    static bool IsJson(string? contentType) =>
        contentType is not null && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) == true);

    sealed class Frame(bool isList, string path)
    {
        public bool IsList { get; } = isList;
        public string Path { get; } = path;
        public int Items { get; set; }
        public string? Member { get; set; }
    }

    /// <summary>
    /// Walks the body's tokens, naming each value by its path. Malformed JSON is left to the binder, which answers it with a
    /// 400 of its own; only what is readable is measured here.
    /// </summary>
    static void CheckJson(ReadOnlySpan<byte> json, Validation validation)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth + 1 });
        var frames = new Stack<Frame>();
        var errors = 0;
        try
        {
            while (errors < MaxErrors && reader.Read())
            {
                var parent = frames.Count > 0 ? frames.Peek() : null;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var member = reader.GetString()!;
                        if (member.Length > MaxMemberNameLength || Validation.HasControlCharacter(member))
                        {
                            validation.Add(Field(parent), $"The body has a field name that is no field of this request ({member.Length} characters).");
                            return;
                        }
                        parent!.Member = member;
                        continue;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (reader.CurrentDepth >= MaxDepth)
                        {
                            validation.Add(Field(parent), $"The body is nested more than {MaxDepth} levels deep.");
                            return;
                        }
                        var path = ValuePath(parent);
                        frames.Push(new Frame(reader.TokenType == JsonTokenType.StartArray, path));
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.Pop();
                        break;
                    case JsonTokenType.String:
                        string value;
                        try
                        {
                            value = reader.GetString()!;
                        }
                        catch (InvalidOperationException)
                        {
                            errors++;
                            var unreadable = ValuePath(parent) is { Length: > 0 } named ? named : "body";
                            validation.Add(unreadable, $"'{unreadable}' is not valid Unicode text (a lone surrogate).");
                            break;
                        }
                        var before = validation.IsValid;
                        validation.Text(ValuePath(parent) is { Length: > 0 } textPath ? textPath : "body", value, MaxTextLength);
                        if (before && !validation.IsValid) errors++;
                        break;
                }
                // A value ends here (a scalar, or a list or object just closed): count it as an item of its list.
                var owner = frames.Count > 0 ? frames.Peek() : null;
                if (owner is { IsList: true } && reader.TokenType is not (JsonTokenType.StartArray or JsonTokenType.StartObject))
                {
                    owner.Items++;
                    if (owner.Items == MaxListItems + 1)
                    {
                        errors++;
                        validation.Add(Field(owner), $"'{Field(owner)}' takes at most {MaxListItems} items.");
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Malformed: the binder refuses it with its own 400 (Problems.UnreadableJson).
        }
    }

    // The path of the value the reader is at: the member of the object it is in, or the list it is an item of.
    static string ValuePath(Frame? parent) => parent switch
    {
        null => "",
        { IsList: true } => parent.Path,
        _ => parent.Path.Length == 0 ? parent.Member ?? "" : $"{parent.Path}.{parent.Member}",
    };

    static string Field(Frame? frame) => frame is null || frame.Path.Length == 0 ? "body" : frame.Path;
}
