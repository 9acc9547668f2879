using System.Collections.Concurrent;

namespace Engagement.Web.Features.Publishing;

/// <summary>
/// Values held per instance for many items (filter combinations) under one key that changes with the data: the
/// <see cref="Infrastructure.Data.ChangeStamp"/> read before counting, plus anything else the values depend on, such as
/// a due-date cutoff (decisions 0026 and 0030). A value is served only to a request that read the same key, so it is
/// exactly what counting again would give. A new key starts an empty generation; at most <see cref="Capacity"/> items
/// are held per generation, and the rest are counted every time. Two requests that miss the same item at once may both
/// count it.
/// </summary>
public sealed class HeldPerChange<TValue>(int capacity)
    where TValue : class
{
    private Generation? current;

    public int Capacity { get; } = capacity;

    public async Task<TValue> GetAsync(object key, string item, Func<Task<TValue>> count)
    {
        var generation = current;
        if (generation is null || !Equals(generation.Key, key))
        {
            generation = new Generation(key, new());
            current = generation;
        }

        if (generation.Items.TryGetValue(item, out var held))
        {
            return held;
        }

        var value = await count();
        return generation.Items.Count < Capacity ? generation.Items.GetOrAdd(item, value) : value;
    }

    private sealed record Generation(object Key, ConcurrentDictionary<string, TValue> Items);
}
