using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Network.Platform.Http;

/// <summary>
/// Enum values are names on the wire, in bodies and in query strings alike: <c>?kind=Conference</c>, never
/// <c>?kind=3</c>. A number would bind (ASP.NET parses enums with <see cref="Enum.TryParse{TEnum}(string, out TEnum)"/>,
/// which takes numbers, and <c>3</c> is a defined value), tying clients to the order of the members. Bodies refuse
/// numbers through the JSON options (<c>JsonStringEnumConverter(allowIntegerValues: false)</c>); this middleware refuses
/// them in the query string of every endpoint whose handler takes an enum there: a 400 problem naming the parameter and
/// its names.
/// </summary>
public static class EnumNames
{
    static readonly ConcurrentDictionary<MethodInfo, (string Name, Type Enum)[]> QueryEnums = new();

    public static IApplicationBuilder UseEnumNamesInQueries(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.QueryString.HasValue && context.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>() is { } handler)
        {
            Validation? validation = null;
            foreach (var (name, type) in QueryEnums.GetOrAdd(handler, EnumParameters))
                foreach (var value in context.Request.Query[name])
                    if (value is { Length: > 0 } text && (char.IsAsciiDigit(text[0]) || text[0] is '-' or '+'))
                        (validation ??= new Validation()).Add(name,
                            $"'{name}' is one of {string.Join(", ", Enum.GetNames(type))}, by name (not '{text}').");
            validation?.ThrowIfInvalid();
        }
        await next(context);
    });

    // The handler's enum parameters that bind from the query: marked [FromQuery], or not bound from anywhere else.
    static (string Name, Type Enum)[] EnumParameters(MethodInfo handler) =>
    [
        .. from parameter in handler.GetParameters()
           let type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType
           where type.IsEnum
           let fromQuery = parameter.GetCustomAttribute<FromQueryAttribute>()
           where fromQuery is not null || !parameter.GetCustomAttributes().Any(a => a is IBindingSourceMetadata)
           select (fromQuery?.Name ?? parameter.Name!, type),
    ];
}
