using System.Collections.Immutable;

namespace Sim.Cluster.Resources;

/// <summary>Builds a <see cref="ResourceList"/> in code: <c>ResourceList.Builder().Cpu(500).Memory(1 &lt;&lt; 30).Build()</c>.</summary>
public sealed class ResourceListBuilder
{
    private readonly ImmutableSortedDictionary<string, long>.Builder _scalars = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
    private long _milliCpu;
    private long _memory;
    private long _ephemeralStorage;
    private long _pods;
    private bool _hasCpu;
    private bool _hasMemory;

    /// <summary>Sets CPU in milli-cores.</summary>
    public ResourceListBuilder Cpu(long milliCpu) => Set(ResourceNames.Cpu, milliCpu);

    /// <summary>Sets memory in bytes.</summary>
    public ResourceListBuilder Memory(long bytes) => Set(ResourceNames.Memory, bytes);

    /// <summary>Sets ephemeral storage in bytes.</summary>
    public ResourceListBuilder EphemeralStorage(long bytes) => Set(ResourceNames.EphemeralStorage, bytes);

    /// <summary>Sets the pod count.</summary>
    public ResourceListBuilder Pods(long count) => Set(ResourceNames.Pods, count);

    /// <summary>Sets <paramref name="name"/> (CPU in milli-cores, everything else in whole units).</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="amount"/> is negative.</exception>
    public ResourceListBuilder Set(string name, long amount)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        switch (name)
        {
            case ResourceNames.Cpu:
                (_milliCpu, _hasCpu) = (amount, true);
                break;
            case ResourceNames.Memory:
                (_memory, _hasMemory) = (amount, true);
                break;
            case ResourceNames.EphemeralStorage:
                _ephemeralStorage = amount;
                break;
            case ResourceNames.Pods:
                _pods = amount;
                break;
            default:
                _scalars[name] = amount;
                break;
        }

        return this;
    }

    /// <summary>The list.</summary>
    public ResourceList Build() => ResourceList.Create(_milliCpu, _memory, _ephemeralStorage, _pods, _hasCpu, _hasMemory, _scalars.ToImmutable());
}
