using System.Text.RegularExpressions;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.People.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Directory.People.Consenting;

/// <param name="WordingVersion">the version of the consent text the person saw, e.g. <c>2025-01</c>.</param>
public sealed record GiveConsentRequest(string? Purpose, string? WordingVersion);

public static partial class GiveConsent
{
    public const int MaxWordingVersionLength = 20;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex WordingVersionFormat();

    public static IReadOnlyList<object> Decide(Person current, GiveConsentRequest request, Actor by, DateTimeOffset at)
    {
        var validation = new Validation()
            .Required("wordingVersion", request.WordingVersion, MaxWordingVersionLength)
            .Matches("wordingVersion", request.WordingVersion, WordingVersionFormat(),
                "'wordingVersion' names the consent text's version with letters, digits, '.', '-' or '_', e.g. 2025-01.");
        if (!ConsentPurposes.IsKnown(request.Purpose)) validation.Add("purpose", ConsentPurposes.Explanation);
        validation.ThrowIfInvalid();

        if (current.IsErased)
            throw new DomainRuleViolation($"Person '{current.Id}' was erased and cannot consent.");
        if (current.ActiveConsent(request.Purpose!) is { } active)
        {
            if (active.WordingVersion == request.WordingVersion)
                throw new DomainRuleViolation(
                    $"Person '{current.Id}' has already consented to '{request.Purpose}' in wording {request.WordingVersion}.",
                    title: "Already consented");
            if (CompareWordingVersions(request.WordingVersion!, active.WordingVersion) < 0)
                throw new DomainRuleViolation(
                    $"Person '{current.Id}' consents to '{request.Purpose}' in wording {active.WordingVersion}; only a newer wording renews " +
                    $"a consent, not the older wording {request.WordingVersion}.",
                    title: "Older wording");
        }
        return [new ConsentGiven(current.Id, request.Purpose!, request.WordingVersion!, by.Id, at)];
    }

    /// <summary>
    /// Orders wording versions part by part: runs of digits by their number, any other character by itself (ordinal),
    /// so 2024-12 comes before 2025-01 and 1.9 before 1.10.
    /// </summary>
    public static int CompareWordingVersions(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                var numberA = DigitRun(a, ref i).TrimStart('0');
                var numberB = DigitRun(b, ref j).TrimStart('0');
                var byNumber = numberA.Length != numberB.Length
                    ? numberA.Length.CompareTo(numberB.Length)
                    : numberA.CompareTo(numberB, StringComparison.Ordinal);
                if (byNumber != 0) return byNumber;
            }
            else
            {
                if (a[i] != b[j]) return a[i].CompareTo(b[j]);
                i++;
                j++;
            }
        }
        return (a.Length - i).CompareTo(b.Length - j);
    }

    static ReadOnlySpan<char> DigitRun(string text, ref int at)
    {
        var start = at;
        while (at < text.Length && char.IsAsciiDigit(text[at])) at++;
        return text.AsSpan(start, at - start);
    }

    /// <summary>
    /// POST /people/{id}/consents: the person themself (or staff recording a consent given on paper) consents to a
    /// purpose in a wording version; honours If-Match. Consenting to a newer wording renews the consent; to an older one is 409.
    /// </summary>
    public static async Task<Ok<PersonResponse>> Handle(
        Guid id, GiveConsentRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        await MemberManagement.EnsureMaySeeAsync(http.User, id, session, ct);
        var version = await session.DecideAsync<Person>(
            id, http.Request.ExpectedVersion(), current => Decide(current, request, http.User.Actor(), clock.GetUtcNow()), ct);
        return await GetPerson.Respond(id, version, http, session, ct);
    }
}
