namespace EvoMerge.TestSupport;

/// <summary>
/// A generous upper bound on a call that must not hang, in place of tight elapsed-time asserts that fail on
/// a busy machine: the call runs on the thread pool and the test gives up with <see cref="TimeoutException"/>
/// once <paramref name="limit"/> passes. Choose the limit far below the time the broken behaviour would take.
/// </summary>
public static class Deadline
{
    public static T Within<T>(TimeSpan limit, Func<T> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var task = Task.Run(call);
        if (!task.Wait(limit))
        {
            throw new TimeoutException($"the call did not return within {limit.TotalSeconds:0} s");
        }

        return task.GetAwaiter().GetResult();
    }

    public static void Within(TimeSpan limit, Action call)
    {
        ArgumentNullException.ThrowIfNull(call);
        Within(limit, () =>
        {
            call();
            return true;
        });
    }
}
