using Sim.Engine;

namespace Sim.Cluster.Objects;

/// <summary>
/// A <see cref="SimTime"/>? kept in 8 bytes instead of 16: its ticks, or −1 for none (a time is never
/// negative). Pods and their statuses are copied on every write and several times in a pod's life,
/// so their optional times are stored this way behind their <see cref="SimTime"/>? properties.
/// </summary>
internal static class OptionalTime
{
    /// <summary>The stored form of no time.</summary>
    public const long None = -1;

    /// <summary>The stored form of <paramref name="time"/>.</summary>
    public static long Store(SimTime? time) => time is { } t ? t.Ticks : None;

    /// <summary>The time stored as <paramref name="ticks"/>.</summary>
    public static SimTime? Load(long ticks) => ticks == None ? null : SimTime.FromTicks(ticks);
}
