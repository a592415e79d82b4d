namespace Sim.Cluster.Tests.Scheduling.Plugins.Helper;

/// <summary>Measures what a hot-path call allocates on this thread, after one warm-up call.</summary>
internal static class Allocations
{
    public static long Of(Action action, int repeat = 100)
    {
        action();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < repeat; i++)
        {
            action();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
