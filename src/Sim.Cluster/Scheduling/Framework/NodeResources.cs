using Sim.Cluster.Resources;

namespace Sim.Scheduling;

/// <summary>
/// Mutable resource totals as the scheduler's cache keeps them (upstream's <c>framework.Resource</c>):
/// milli-CPU, memory and ephemeral-storage bytes, the allowed pod count, and scalar resources
/// (extended resources, huge pages) by name.
/// </summary>
public sealed class NodeResources
{
    /// <summary>CPU in thousandths of a core.</summary>
    public long MilliCpu { get; set; }

    /// <summary>Memory in bytes.</summary>
    public long Memory { get; set; }

    /// <summary>Ephemeral storage in bytes.</summary>
    public long EphemeralStorage { get; set; }

    /// <summary>Pods allowed on the node (meaningful for allocatable).</summary>
    public long AllowedPodNumber { get; set; }

    /// <summary>Scalar resources by name; null when there are none.</summary>
    public Dictionary<string, long>? Scalars { get; private set; }

    /// <summary>A copy of <paramref name="list"/>.</summary>
    public static NodeResources From(ResourceList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var resources = new NodeResources();
        resources.Add(list);
        resources.AllowedPodNumber = list.Pods;
        return resources;
    }

    /// <summary>The amount of <paramref name="name"/> (CPU in milli-cores); 0 when absent.</summary>
    public long Get(string name) => name switch
    {
        ResourceNames.Cpu => MilliCpu,
        ResourceNames.Memory => Memory,
        ResourceNames.EphemeralStorage => EphemeralStorage,
        ResourceNames.Pods => AllowedPodNumber,
        _ => Scalars is { } scalars && scalars.TryGetValue(name, out var value) ? value : 0,
    };

    /// <summary>Sets one scalar resource.</summary>
    public void SetScalar(string name, long value)
    {
        Scalars ??= new Dictionary<string, long>(StringComparer.Ordinal);
        Scalars[name] = value;
    }

    /// <summary>Adds <paramref name="list"/> (its CPU, memory, storage and scalars; not its pod count).</summary>
    public void Add(ResourceList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        MilliCpu += list.MilliCpu;
        Memory += list.Memory;
        EphemeralStorage += list.EphemeralStorage;
        if (list.Scalars.Count != 0)
        {
            Scalars ??= new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (name, value) in list.Scalars)
            {
                Scalars[name] = Scalars.GetValueOrDefault(name) + value;
            }
        }
    }

    /// <summary>Subtracts <paramref name="list"/> (its CPU, memory, storage and scalars).</summary>
    public void Subtract(ResourceList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        MilliCpu -= list.MilliCpu;
        Memory -= list.Memory;
        EphemeralStorage -= list.EphemeralStorage;
        if (list.Scalars.Count != 0)
        {
            Scalars ??= new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (name, value) in list.Scalars)
            {
                Scalars[name] = Scalars.GetValueOrDefault(name) - value;
            }
        }
    }

    /// <summary>A copy.</summary>
    public NodeResources Clone()
    {
        var copy = new NodeResources { MilliCpu = MilliCpu, Memory = Memory, EphemeralStorage = EphemeralStorage, AllowedPodNumber = AllowedPodNumber };
        if (Scalars is not null)
        {
            copy.Scalars = new Dictionary<string, long>(Scalars, StringComparer.Ordinal);
        }

        return copy;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"cpu={MilliCpu}m memory={Memory} ephemeral-storage={EphemeralStorage} pods={AllowedPodNumber}"
        + (Scalars is null ? string.Empty : string.Concat(Scalars.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $" {s.Key}={s.Value}")));
}
