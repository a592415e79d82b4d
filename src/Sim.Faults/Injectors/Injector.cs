using System.Collections.Immutable;

namespace Sim.Faults.Injectors;

/// <summary>Injects one fault: <see cref="Start"/> schedules its effects from the current simulated time.</summary>
internal abstract class Injector(FaultInjector host)
{
    protected FaultInjector Host { get; } = host;

    /// <summary>Schedules the fault over <paramref name="nodes"/>, the cluster's nodes now, in name order.</summary>
    public abstract void Start(ImmutableArray<string> nodes);

    protected static TimeSpan Seconds(double seconds) =>
        TimeSpan.FromTicks((long)Math.Round(Math.Max(0, seconds) * TimeSpan.TicksPerSecond));
}
