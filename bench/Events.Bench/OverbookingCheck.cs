using Network.Events.NetworkEvents;

namespace Network.Bench.Events;

/// <summary>
/// The no-overbooking check after every run, from what is stored: per event, confirmed = min(capacity,
/// registrations) and waitlisted = the rest, the first `capacity` registrations in writing order confirmed and the
/// others waiting at positions 1..k in that order, nobody twice, one stored registration (event) per successful
/// answer and the state agreeing with the log; every answer a 201 that agrees with what is stored.
/// </summary>
public static class OverbookingCheck
{
    public static async Task<IReadOnlyList<string>> RunAsync(Run run)
    {
        var problems = new List<string>();
        if (run.Failed > 0)
            problems.Add($"{run.Failed} of {run.People.Count} registrations were not answered 201 (first: {run.ErrorSummary.First().Error})");

        var stored = (await run.Via.LoadAsync(run.Events)).ToDictionary(e => e.Id);
        for (var e = 0; e < run.Events.Count; e++)
        {
            var id = run.Events[e];
            if (!stored.TryGetValue(id, out var ev))
            {
                problems.Add($"event {id}: not found");
                continue;
            }
            var answers = Enumerable.Range(0, run.People.Count).Where(i => i % run.Events.Count == e && run.Answers[i] is not null)
                .ToDictionary(i => run.Answers[i]!.RegistrationId, i => (Person: run.People[i], Answer: run.Answers[i]!));
            problems.AddRange(Check(ev, answers).Select(p => $"event {id}: {p}"));
        }
        return problems;
    }

    static IEnumerable<string> Check(StoredEvent e, Dictionary<Guid, (Person Person, Answer Answer)> answers)
    {
        var n = e.Registrations.Count;
        var seats = Math.Min(e.Capacity, n);
        if (e.Log.Count != answers.Count)
            yield return $"{e.Log.Count} registrations stored in the log, but {answers.Count} successful answers";
        if (n != e.Log.Count)
            yield return $"{n} registrations in the state, {e.Log.Count} in the log";
        if (!e.Registrations.Select(r => (r.RegistrationId, r.Status)).SequenceEqual(e.Log.Select(r => (r.RegistrationId, r.Status))))
            yield return "the state's registrations differ from the log (ids, statuses or order)";
        if (e.Confirmed != seats || e.Waitlisted != n - seats)
            yield return $"overbooking check failed: capacity {e.Capacity}, {n} registrations, but {e.Confirmed} confirmed / {e.Waitlisted} waitlisted (expected {seats} / {n - seats})";
        if (e.Registrations.Count(r => r.Status == RegistrationStatus.Confirmed) != seats)
            yield return $"{e.Registrations.Count(r => r.Status == RegistrationStatus.Confirmed)} registrations confirmed for {e.Capacity} seats (expected {seats})";
        if (!e.Registrations.Take(seats).All(r => r.Status == RegistrationStatus.Confirmed))
            yield return "not the first registrations in writing order are confirmed";
        var waiting = e.Registrations.Skip(seats).ToList();
        if (!waiting.All(r => r.Status == RegistrationStatus.Waitlisted))
            yield return "a registration after the seats ran out is not waitlisted";
        if (!waiting.Select(r => r.Position ?? 0).SequenceEqual(Enumerable.Range(1, waiting.Count)))
            yield return "waiting positions are not 1..k in writing order";
        if (e.Registrations.Select(r => r.PersonId).Distinct().Count() != n)
            yield return "a person is registered twice";
        foreach (var r in e.Registrations)
        {
            if (!answers.TryGetValue(r.RegistrationId, out var a))
            {
                yield return $"registration {r.RegistrationId} is stored but was not answered";
                yield break;
            }
            if (a.Person.Id != r.PersonId || a.Answer.Status != r.Status || a.Answer.Position != r.Position)
            {
                yield return $"the answer to {a.Person.Id} ({a.Answer.Status}, position {a.Answer.Position}) differs from what is stored ({r.PersonId}: {r.Status}, position {r.Position})";
                yield break;
            }
        }
    }
}
