using System.Text.Json;
using JasperFx;
using JasperFx.Events;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Network.Platform.Mail;
using Npgsql;

namespace Network.Platform.Http;

/// <summary>A request that breaks a business rule: answered 409 (or the status given) as problem details.</summary>
public class DomainRuleViolation(
    string message, int status = StatusCodes.Status409Conflict, string? title = null, IReadOnlyDictionary<string, object?>? extensions = null)
    : Exception(message)
{
    public int Status { get; } = status;
    public string Title { get; } = title ?? "The request breaks a business rule";

    /// <summary>Extra members of the problem response, e.g. the id of the existing resource a duplicate collides with.</summary>
    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();

    /// <summary>When the caller may try again (429, 503): sent as the Retry-After header.</summary>
    public TimeSpan? RetryAfter { get; init; }
}

/// <summary>The thing asked for does not exist (or the caller may not know it exists): 404.</summary>
public sealed class ResourceNotFound(string what, object id)
    : DomainRuleViolation($"{what} '{id}' was not found.", StatusCodes.Status404NotFound, $"{what} not found");

/// <summary>The caller is known but may not do this: 403.</summary>
public sealed class Forbidden(string message)
    : DomainRuleViolation(message, StatusCodes.Status403Forbidden, "Not allowed");

/// <summary>Field errors of a request: 400 with an <c>errors</c> member keyed by field.</summary>
public sealed class RequestValidationException(IDictionary<string, string[]> errors)
    : Exception("The request has invalid fields.")
{
    public IDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>The client's If-Match named a version that is no longer current: 412.</summary>
public sealed class StaleVersion(string message) : Exception(message);

/// <summary>
/// Turns every exception that reaches the pipeline into RFC 9457 problem details. Bad input is never a 500:
/// binding and JSON errors are 400, broken rules 409, lost optimistic-concurrency races 412 (with If-Match)
/// or 409 (without); a database that is unreachable or out of connections, or a mail server that cannot take a mail,
/// 503 with Retry-After.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = Describe(http, exception);
        if (problem?.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning(exception, "{Problem} for {Method} {Path}", problem.Title, http.Request.Method, http.Request.Path);
            http.Response.Headers.RetryAfter = "1";
        }
        if (exception is DomainRuleViolation { RetryAfter: { } wait })
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", http.Request.Method, http.Request.Path);
            return false; // the default handler answers 500 as problem details
        }

        http.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    static ProblemDetails? Describe(HttpContext http, Exception exception) => exception switch
    {
        RequestValidationException v => new HttpValidationProblemDetails(v.Errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid",
        },
        DomainRuleViolation rule => new ProblemDetails
        {
            Status = rule.Status, Title = rule.Title, Detail = rule.Message, Extensions = new Dictionary<string, object?>(rule.Extensions),
        },
        StaleVersion stale => PreconditionFailed(stale.Message),
        ConcurrencyException or EventStreamUnexpectedMaxEventIdException or Marten.Exceptions.ConcurrentUpdateException =>
            http.Request.Headers.IfMatch.Count > 0
                ? PreconditionFailed("The resource was changed by someone else; fetch it again and retry with the new ETag.")
                : new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict,
                    Title = "Concurrent change",
                    Detail = "The resource was changed at the same time by someone else; retry the request.",
                },
        ExistingStreamIdCollisionException or JasperFx.DocumentAlreadyExistsException => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Already exists",
            Detail = "A resource with this id already exists.",
        },
        BadHttpRequestException { InnerException: JsonException json } => UnreadableJson(json),
        JsonException json => UnreadableJson(json),
        BadHttpRequestException bad => new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "The request body is too large",
                StatusCodes.Status415UnsupportedMediaType => "Unsupported content type",
                _ => "The request could not be read",
            },
            Detail = bad.Message,
        },
        MailUnavailable => new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Mail server unavailable",
            Detail = "The mail server cannot take the mail at the moment; retry in a moment.",
        },
        _ when IsTransientDatabaseFailure(exception) => new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Temporarily unavailable",
            Detail = "The database is unreachable or out of connections at the moment; retry in a moment.",
        },
        _ => null,
    };

    /// <summary>
    /// The database refused or dropped us for a reason that passes (out of connections, starting up, a broken
    /// connection, a pool wait that timed out): the caller may retry, so 503 with Retry-After, not 500.
    /// </summary>
    static bool IsTransientDatabaseFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is NpgsqlException { IsTransient: true } or Marten.Exceptions.StreamLockedException)
                return true;
        return false;
    }

    static ProblemDetails PreconditionFailed(string detail) => new()
    {
        Status = StatusCodes.Status412PreconditionFailed,
        Title = "Stale If-Match",
        Detail = detail,
    };

    /// <summary>
    /// A body that is not JSON, or a value of the wrong type or outside an enumeration: named by its field, without
    /// the serializer's message (it names internal .NET types).
    /// </summary>
    static ProblemDetails UnreadableJson(JsonException json)
    {
        if (UnmappedMember().Match(json.Message) is { Success: true } unmapped)
            return new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [unmapped.Groups[1].Value] = [$"'{unmapped.Groups[1].Value}' is not a field of this request."],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more fields are invalid",
            };
        var field = json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        if (field is null)
            return new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body is not valid JSON",
                Detail = json.LineNumber is { } line ? $"The JSON breaks off or is malformed near line {line + 1}." : null,
            };
        return new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            [field] = [$"The value of '{field}' has the wrong type or is not one of the allowed values."],
        })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid",
        };
    }

    // System.Text.Json's words for a member the type does not have (UnmappedMemberHandling.Disallow).
    [System.Text.RegularExpressions.GeneratedRegex("^The JSON property '(.{1,100})' could not be mapped to any .NET member")]
    private static partial System.Text.RegularExpressions.Regex UnmappedMember();
}
