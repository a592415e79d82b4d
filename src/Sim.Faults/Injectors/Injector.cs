using System.Collections.Immutable;
using Sim.Engine;

namespace Sim.Faults.Injectors;

/// <summary>Injects one fault: <see cref="Start"/> schedules its effects from the current simulated time.</summary>
internal abstract class Injector(FaultInjector host)
{
    protected FaultInjector Host { get; } = host;

    /// <summary>Schedules the fault over <paramref name="nodes"/>, the cluster's nodes now, in name order.</summary>
    public abstract void Start(ImmutableArray<string> nodes);

    protected static TimeSpan Seconds(double seconds) =>
        TimeSpan.FromTicks((long)Math.Round(Math.Max(0, seconds) * TimeSpan.TicksPerSecond));

    /// <summary>
    /// Schedules <paramref name="handler"/> after <paramref name="first"/> + <paramref name="second"/>,
    /// or "never" (<see cref="SimTime.AddOrNever"/>) when that is later than time holds: a drawn time or
    /// a start that far out (a scenario may write up to 10675199d) comes after the end of any run, so it
    /// never happens, instead of overflowing the clock.
    /// </summary>
    protected EventHandle ScheduleAfter<TState>(TimeSpan first, TimeSpan second, Action<TState> handler, TState state)
        where TState : class
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(first, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(second, TimeSpan.Zero);
        var now = Host.Simulation.Now;
        return Host.Simulation.ScheduleAfter(now.AddOrNever(first).AddOrNever(second) - now, handler, state);
    }

    /// <summary>As <see cref="ScheduleAfter{TState}(TimeSpan, TimeSpan, Action{TState}, TState)"/> with one delay.</summary>
    protected EventHandle ScheduleAfter<TState>(TimeSpan delay, Action<TState> handler, TState state)
        where TState : class => ScheduleAfter(TimeSpan.Zero, delay, handler, state);
}
