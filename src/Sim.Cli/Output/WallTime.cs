using System.Diagnostics;

namespace Sim.Cli.Output;

/// <summary>Elapsed wall time, for what the command prints.</summary>
internal readonly struct WallTime
{
    private readonly long _started;

    private WallTime(long started) => _started = started;

    public double Seconds => Stopwatch.GetElapsedTime(_started).TotalSeconds;

    public static WallTime Start() => new(Stopwatch.GetTimestamp());
}
