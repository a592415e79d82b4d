namespace Sim.Scheduling;

/// <summary>Data a plugin keeps in a <see cref="CycleState"/>; cloned when preemption simulates removals on a copy.</summary>
public interface IStateData
{
    /// <summary>A copy that can be changed without changing this one.</summary>
    IStateData Clone();
}

/// <summary>
/// A typed key into <see cref="CycleState"/>. Create one per plugin and kind of data, as a static field:
/// <c>static readonly StateKey&lt;MyState&gt; Key = new("PreFilterMyPlugin");</c>.
/// </summary>
/// <typeparam name="T">The data's type.</typeparam>
public sealed class StateKey<T>
    where T : class, IStateData
{
    /// <summary>Creates a key.</summary>
    public StateKey(string name)
    {
        Name = name;
        Id = StateKeys.Next();
    }

    /// <summary>A name for diagnostics.</summary>
    public string Name { get; }

    internal int Id { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}

internal static class StateKeys
{
    private static int _count;

    public static int Count => Volatile.Read(ref _count);

    public static int Next() => Interlocked.Increment(ref _count) - 1;
}

/// <summary>
/// The state of one scheduling cycle, shared by the plugins of one profile while they look at one pod:
/// what PreFilter computed for Filter, what PreScore computed for Score, and which plugins skip.
/// </summary>
public sealed class CycleState
{
    private IStateData?[] _data = new IStateData?[Math.Max(StateKeys.Count, 8)];

    /// <summary>Pre-filter plugins (by index in the profile) that returned Skip: their Filter does not run.</summary>
    internal ulong SkipFilter { get; set; }

    /// <summary>Pre-score plugins (by index of the score plugin) that returned Skip: their Score does not run.</summary>
    internal ulong SkipScore { get; set; }

    /// <summary>
    /// What holds for every node of the snapshot this cycle runs against (set by the scheduling
    /// algorithm; none when the state was made elsewhere): batch plugins may then decide a run of nodes
    /// without reading each node. Nodes the cycle looks at are the snapshot's or copies of them.
    /// </summary>
    internal SnapshotFacts Facts { get; set; }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>.</summary>
    public void Write<T>(StateKey<T> key, T value)
        where T : class, IStateData
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Id >= _data.Length)
        {
            Array.Resize(ref _data, Math.Max(key.Id + 1, _data.Length * 2));
        }

        _data[key.Id] = value;
    }

    /// <summary>The value under <paramref name="key"/>, or null when none was written this cycle.</summary>
    public T? Read<T>(StateKey<T> key)
        where T : class, IStateData
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Id < _data.Length ? (T?)_data[key.Id] : null;
    }

    /// <summary>A copy whose data are clones, for trying removals and additions without changing this cycle.</summary>
    public CycleState Clone()
    {
        var copy = new CycleState { SkipFilter = SkipFilter, SkipScore = SkipScore, Facts = Facts };
        copy._data = new IStateData?[_data.Length];
        for (var i = 0; i < _data.Length; i++)
        {
            copy._data[i] = _data[i]?.Clone();
        }

        return copy;
    }
}

/// <summary>Facts about every node of a snapshot, for <see cref="CycleState.Facts"/>.</summary>
[Flags]
internal enum SnapshotFacts
{
    /// <summary>Nothing known.</summary>
    None = 0,

    /// <summary>No node has a taint.</summary>
    NoTaints = 1,

    /// <summary>No node is cordoned (<c>spec.unschedulable</c>).</summary>
    NoUnschedulable = 2,

    /// <summary>No node lists an image.</summary>
    NoImages = 4,
}
