namespace Prism.TestSupport;

/// <summary>
/// Waits for something another process or thread makes true (a line logged, a file written, a process gone),
/// checking every 50 ms: the test goes on the moment it holds, and fails only when it still does not after a bound
/// far beyond what a loaded machine needs — the claim is that it happens, never how fast.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>True as soon as <paramref name="condition"/> holds; false if it still does not after <paramref name="patience"/>.</summary>
    public static async Task<bool> HoldsAsync(Func<bool> condition, TimeSpan patience, CancellationToken cancellation = default)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                return condition();
            }

            await Task.Delay(Interval, cancellation);
        }

        return true;
    }

    /// <summary>The first value <paramref name="probe"/> returns that is not null; null if none within <paramref name="patience"/>.</summary>
    public static async Task<T?> ValueAsync<T>(Func<T?> probe, TimeSpan patience, CancellationToken cancellation = default)
        where T : class
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return probe();
            }

            await Task.Delay(Interval, cancellation);
        }
    }

    /// <summary>The first value <paramref name="probe"/> returns (asynchronously) that <paramref name="accept"/> takes; the last one read when none within <paramref name="patience"/>, with false.</summary>
    public static async Task<(bool Accepted, T Last)> ValueAsync<T>(Func<Task<T>> probe, Func<T, bool> accept, TimeSpan patience, CancellationToken cancellation = default)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var value = await probe();
            if (accept(value))
            {
                return (true, value);
            }

            if (DateTime.UtcNow >= deadline)
            {
                return (false, value);
            }

            await Task.Delay(Interval, cancellation);
        }
    }
}
