using System.Globalization;

namespace Sim.Engine;

/// <summary>
/// A point in simulated time: an integer count of 100-nanosecond ticks since the start of the
/// simulation. The tick is <see cref="TimeSpan"/>'s tick, so durations convert without rounding:
/// <c>SimTime + TimeSpan</c> is exact integer arithmetic.
/// </summary>
/// <remarks>
/// There is no <see cref="double"/> anywhere in simulated time. The range is about 29,000 years;
/// <see cref="MaxValue"/> stands for "never". Arithmetic that overflows throws
/// <see cref="OverflowException"/> rather than wrapping into the past.
/// </remarks>
public readonly struct SimTime : IEquatable<SimTime>, IComparable<SimTime>
{
    /// <summary>Ticks per simulated second (10,000,000: one tick is 100 ns, as in <see cref="TimeSpan"/>).</summary>
    public const long TicksPerSecond = TimeSpan.TicksPerSecond;

    /// <summary>The start of every simulation.</summary>
    public static readonly SimTime Zero;

    /// <summary>The latest representable time; used as "never".</summary>
    public static readonly SimTime MaxValue = new(long.MaxValue);

    private SimTime(long ticks) => Ticks = ticks;

    /// <summary>Ticks (100 ns) since the start of the simulation; never negative.</summary>
    public long Ticks { get; }

    /// <summary>The time <paramref name="ticks"/> 100-ns ticks after the start.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="ticks"/> is negative.</exception>
    public static SimTime FromTicks(long ticks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ticks);
        return new SimTime(ticks);
    }

    /// <summary>The time <paramref name="sinceStart"/> after the start.</summary>
    public static SimTime FromTimeSpan(TimeSpan sinceStart) => FromTicks(sinceStart.Ticks);

    /// <summary>The time a whole number of seconds after the start.</summary>
    public static SimTime FromSeconds(long seconds) => FromTicks(checked(seconds * TicksPerSecond));

    /// <summary>The time elapsed since the start, as a duration.</summary>
    public TimeSpan ToTimeSpan() => new(Ticks);

    /// <summary>Whole seconds since the start (truncated).</summary>
    public long WholeSeconds => Ticks / TicksPerSecond;

    /// <summary>The time <paramref name="duration"/> later (earlier when negative).</summary>
    public static SimTime operator +(SimTime time, TimeSpan duration) => FromTicks(checked(time.Ticks + duration.Ticks));

    /// <summary>The time <paramref name="duration"/> earlier.</summary>
    public static SimTime operator -(SimTime time, TimeSpan duration) => FromTicks(checked(time.Ticks - duration.Ticks));

    /// <summary>The duration from <paramref name="earlier"/> to <paramref name="later"/>.</summary>
    public static TimeSpan operator -(SimTime later, SimTime earlier) => new(checked(later.Ticks - earlier.Ticks));

    /// <summary>Same as <c>time + duration</c>, for languages without operators.</summary>
    public SimTime Add(TimeSpan duration) => this + duration;

    /// <summary>
    /// The time <paramref name="duration"/> later, or <see cref="MaxValue"/> ("never") when that is past
    /// the latest representable time: for events drawn or configured so far out (a scenario may write
    /// durations up to 10675199d) that they come after the end of any run, where <c>+</c> would throw.
    /// A negative duration that goes before the start still throws.
    /// </summary>
    public SimTime AddOrNever(TimeSpan duration) =>
        duration.Ticks > long.MaxValue - Ticks ? MaxValue : FromTicks(Ticks + duration.Ticks);

    /// <summary>Same as <c>later - earlier</c>, for languages without operators.</summary>
    public TimeSpan Subtract(SimTime earlier) => this - earlier;

    /// <summary>Equality.</summary>
    public static bool operator ==(SimTime left, SimTime right) => left.Ticks == right.Ticks;
    /// <summary>Inequality.</summary>
    public static bool operator !=(SimTime left, SimTime right) => left.Ticks != right.Ticks;
    /// <summary>True when <paramref name="left"/> is earlier.</summary>
    public static bool operator <(SimTime left, SimTime right) => left.Ticks < right.Ticks;
    /// <summary>True when <paramref name="left"/> is later.</summary>
    public static bool operator >(SimTime left, SimTime right) => left.Ticks > right.Ticks;
    /// <summary>True when <paramref name="left"/> is not later.</summary>
    public static bool operator <=(SimTime left, SimTime right) => left.Ticks <= right.Ticks;
    /// <summary>True when <paramref name="left"/> is not earlier.</summary>
    public static bool operator >=(SimTime left, SimTime right) => left.Ticks >= right.Ticks;

    /// <inheritdoc />
    public bool Equals(SimTime other) => Ticks == other.Ticks;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SimTime other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Ticks.GetHashCode();

    /// <inheritdoc />
    public int CompareTo(SimTime other) => Ticks.CompareTo(other.Ticks);

    /// <summary>The earlier of two times.</summary>
    public static SimTime Min(SimTime a, SimTime b) => a.Ticks <= b.Ticks ? a : b;

    /// <summary>The later of two times.</summary>
    public static SimTime Max(SimTime a, SimTime b) => a.Ticks >= b.Ticks ? a : b;

    /// <summary>Seconds since the start with all seven decimals, e.g. <c>12.5000000s</c>; "never" for <see cref="MaxValue"/>.</summary>
    public override string ToString()
    {
        if (Ticks == long.MaxValue)
        {
            return "never";
        }

        var seconds = Ticks / TicksPerSecond;
        var fraction = Ticks % TicksPerSecond;
        return string.Create(CultureInfo.InvariantCulture, $"{seconds}.{fraction:D7}s");
    }
}
