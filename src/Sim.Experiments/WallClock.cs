using System.Diagnostics;

namespace Sim.Experiments;

/// <summary>
/// The host's wall clock, for <c>timing.csv</c> only: the runner measures how long a run takes;
/// nothing in the model reads it (the banned-API rule is lifted here alone).
/// </summary>
internal static class WallClock
{
#pragma warning disable RS0030 // Wall clock: the host measures wall time, the model never sees it.
    public static long Timestamp() => Stopwatch.GetTimestamp();

    public static double SecondsSince(long timestamp) => Stopwatch.GetElapsedTime(timestamp).TotalSeconds;
#pragma warning restore RS0030
}
