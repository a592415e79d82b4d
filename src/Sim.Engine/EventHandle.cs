namespace Sim.Engine;

/// <summary>
/// Identifies one scheduled event so that it can be cancelled. A value type: keeping or dropping
/// a handle costs nothing. <c>default</c> is a handle to no event; cancelling it does nothing.
/// </summary>
public readonly struct EventHandle : IEquatable<EventHandle>
{
    internal EventHandle(long time, long sequence, int slot)
    {
        Time = SimTime.FromTicks(time);
        Sequence = sequence;
        Slot = slot;
    }

    /// <summary>When the event is (or was) due.</summary>
    public SimTime Time { get; }

    /// <summary>The event's sequence number: its rank among events due at the same time.</summary>
    public long Sequence { get; }

    internal int Slot { get; }

    /// <summary>True for a handle returned by a schedule call; false for <c>default</c>.</summary>
    public bool IsValid => Sequence != 0;

    /// <inheritdoc />
    public bool Equals(EventHandle other) => Sequence == other.Sequence && Time == other.Time;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EventHandle other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Sequence.GetHashCode();

    /// <summary>Equality.</summary>
    public static bool operator ==(EventHandle left, EventHandle right) => left.Equals(right);
    /// <summary>Inequality.</summary>
    public static bool operator !=(EventHandle left, EventHandle right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => IsValid ? $"event #{Sequence} at {Time}" : "no event";
}
