namespace PerfSuite.Testing;

public static class Eventually
{
    /// <summary>Polls until the check holds or the time is up; then fails with the last observed state.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? within = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        T last;
        while (true)
        {
            last = await probe();
            if (done(last)) return last;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what ?? "Condition"} did not hold within {(within ?? TimeSpan.FromSeconds(30)).TotalSeconds}s; last: {last}");
            await Task.Delay(100);
        }
    }
}
