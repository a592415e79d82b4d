using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Sim.Cluster.Resources;

/// <summary>
/// Resource amounts as integers, the way the scheduler counts them: milli-CPU, bytes of memory and
/// ephemeral storage, a pod count, and open-ended scalar resources (extended resources such as
/// <c>nvidia.com/gpu</c>, huge pages) as whole numbers. Immutable.
/// </summary>
/// <remarks>
/// The list remembers which of CPU and memory were given at all: Kubernetes treats a missing CPU or
/// memory request differently from an explicit zero when it scores nodes (see
/// <see cref="PodRequestOptions.ForScoring"/>). Scalars are kept sorted by name (ordinal), so enumeration and printing
/// are deterministic.
/// </remarks>
public sealed class ResourceList : IEquatable<ResourceList>
{
    /// <summary>No resources.</summary>
    public static readonly ResourceList Empty = new(0, 0, 0, 0, hasCpu: false, hasMemory: false, ImmutableSortedDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal));

    private ResourceList(long milliCpu, long memory, long ephemeralStorage, long pods, bool hasCpu, bool hasMemory, ImmutableSortedDictionary<string, long> scalars)
    {
        MilliCpu = milliCpu;
        Memory = memory;
        EphemeralStorage = ephemeralStorage;
        Pods = pods;
        HasCpu = hasCpu;
        HasMemory = hasMemory;
        Scalars = scalars;
    }

    /// <summary>CPU in thousandths of a core.</summary>
    public long MilliCpu { get; }

    /// <summary>Memory in bytes.</summary>
    public long Memory { get; }

    /// <summary>Ephemeral storage in bytes.</summary>
    public long EphemeralStorage { get; }

    /// <summary>Pod count (meaningful for node capacity).</summary>
    public long Pods { get; }

    /// <summary>True when CPU was given (even as zero).</summary>
    public bool HasCpu { get; }

    /// <summary>True when memory was given (even as zero).</summary>
    public bool HasMemory { get; }

    /// <summary>Every other resource by name, as whole numbers.</summary>
    public ImmutableSortedDictionary<string, long> Scalars { get; }

    /// <summary>True when every amount is zero.</summary>
    public bool IsZero => MilliCpu == 0 && Memory == 0 && EphemeralStorage == 0 && Pods == 0 && Scalars.Values.All(v => v == 0);

    /// <summary>The amount of <paramref name="name"/>, in the list's integer unit (milli-cores for CPU); 0 when absent.</summary>
    public long this[string name] => name switch
    {
        ResourceNames.Cpu => MilliCpu,
        ResourceNames.Memory => Memory,
        ResourceNames.EphemeralStorage => EphemeralStorage,
        ResourceNames.Pods => Pods,
        _ => Scalars.GetValueOrDefault(name),
    };

    /// <summary>Starts a list; see <see cref="ResourceListBuilder"/>.</summary>
    public static ResourceListBuilder Builder() => new();

    /// <summary>
    /// Reads a Kubernetes resource map (name → quantity text). Every problem is reported, each naming
    /// <paramref name="field"/> and the resource: an empty name, a text that is not a quantity, a negative
    /// amount, an amount beyond 64 bits, or a fraction of an extended resource.
    /// </summary>
    /// <param name="amounts">The map, e.g. a container's <c>resources.requests</c>.</param>
    /// <param name="field">Where the map sits, for messages, e.g. <c>spec.containers[0].resources.requests</c>.</param>
    /// <param name="list">The list, when there is no error.</param>
    /// <param name="errors">Every problem found; empty when the map is valid.</param>
    public static bool TryParse(IEnumerable<KeyValuePair<string, string>> amounts, string field, out ResourceList list, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var problems = new List<string>();
        var builder = Builder();
        foreach (var (name, text) in amounts.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var where = $"{field}[{name}]";
            if (name.Length == 0)
            {
                problems.Add($"{where}: a resource name is required");
                continue;
            }

            if (!Quantity.TryParse(text, out var quantity, out var error))
            {
                problems.Add($"{where}: {error}");
                continue;
            }

            if (quantity.Sign < 0)
            {
                problems.Add($"{where}: '{text}' is negative; expected a non-negative amount");
                continue;
            }

            var isCpu = name == ResourceNames.Cpu;
            var fits = isCpu ? quantity.TryGetMilliValue(out var value) : quantity.TryGetValue(out value);
            if (!fits)
            {
                problems.Add($"{where}: '{text}' is too large; expected at most {(isCpu ? "9223372036854775.807" : "9223372036854775807")}");
                continue;
            }

            if (ResourceNames.IsExtended(name) && quantity.TryGetMilliValue(out var milli) && milli % 1000 != 0)
            {
                problems.Add($"{where}: '{text}' is not a whole number; extended resources are counted in whole units");
                continue;
            }

            builder.Set(name, value);
        }

        errors = problems;
        list = problems.Count == 0 ? builder.Build() : Empty;
        return problems.Count == 0;
    }

    /// <summary>
    /// The first resource this request does not fit into <paramref name="allocatable"/> beside
    /// <paramref name="used"/>, or null when it fits: as the NodeResourcesFit filter and the kubelet's
    /// admission check it, a resource is short when the request is positive and larger than what is
    /// left (cpu, memory, ephemeral storage, then scalars by name). Pod counts are checked by callers.
    /// </summary>
    public string? FirstShortage(ResourceList used, ResourceList allocatable)
    {
        ArgumentNullException.ThrowIfNull(used);
        ArgumentNullException.ThrowIfNull(allocatable);
        if (MilliCpu > 0 && MilliCpu > allocatable.MilliCpu - used.MilliCpu)
        {
            return ResourceNames.Cpu;
        }

        if (Memory > 0 && Memory > allocatable.Memory - used.Memory)
        {
            return ResourceNames.Memory;
        }

        if (EphemeralStorage > 0 && EphemeralStorage > allocatable.EphemeralStorage - used.EphemeralStorage)
        {
            return ResourceNames.EphemeralStorage;
        }

        foreach (var (name, amount) in Scalars)
        {
            if (amount > 0 && amount > allocatable[name] - used[name])
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>The sum of two lists (a resource given in either is given in the sum).</summary>
    public ResourceList Add(ResourceList other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Combine(other, static (a, b) => checked(a + b));
    }

    /// <summary>The difference of two lists, per resource (for accounting what is in use; may go below zero only through a caller's mistake).</summary>
    public ResourceList Subtract(ResourceList other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Combine(other, static (a, b) => checked(a - b));
    }

    /// <summary>The larger amount of each resource (a resource given in either is given in the result).</summary>
    public ResourceList Max(ResourceList other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Combine(other, Math.Max);
    }

    /// <summary>
    /// This list with CPU and memory taken from <paramref name="defaults"/> where this list does not
    /// state them at all (and <paramref name="defaults"/> does); an explicit zero is kept.
    /// </summary>
    public ResourceList WithDefaultsForMissing(ResourceList defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var useCpu = !HasCpu && defaults.HasCpu;
        var useMemory = !HasMemory && defaults.HasMemory;
        if (!useCpu && !useMemory)
        {
            return this;
        }

        return new ResourceList(
            useCpu ? defaults.MilliCpu : MilliCpu,
            useMemory ? defaults.Memory : Memory,
            EphemeralStorage,
            Pods,
            HasCpu || useCpu,
            HasMemory || useMemory,
            Scalars);
    }

    /// <inheritdoc />
    public bool Equals(ResourceList? other)
    {
        if (other is null || MilliCpu != other.MilliCpu || Memory != other.Memory || EphemeralStorage != other.EphemeralStorage
            || Pods != other.Pods || Scalars.Count != other.Scalars.Count)
        {
            return false;
        }

        foreach (var (name, value) in Scalars)
        {
            if (!other.Scalars.TryGetValue(name, out var otherValue) || otherValue != value)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ResourceList);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(MilliCpu, Memory, EphemeralStorage, Pods, Scalars.Count);

    /// <summary>E.g. <c>cpu=1500m, memory=2147483648, nvidia.com/gpu=1</c>; zero amounts that were not given are left out.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        void Append(string name, string value)
        {
            if (text.Length > 0)
            {
                text.Append(", ");
            }

            text.Append(name).Append('=').Append(value);
        }

        if (HasCpu || MilliCpu != 0)
        {
            Append(ResourceNames.Cpu, MilliCpu.ToString(CultureInfo.InvariantCulture) + "m");
        }

        if (HasMemory || Memory != 0)
        {
            Append(ResourceNames.Memory, Memory.ToString(CultureInfo.InvariantCulture));
        }

        if (EphemeralStorage != 0)
        {
            Append(ResourceNames.EphemeralStorage, EphemeralStorage.ToString(CultureInfo.InvariantCulture));
        }

        if (Pods != 0)
        {
            Append(ResourceNames.Pods, Pods.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var (name, value) in Scalars)
        {
            Append(name, value.ToString(CultureInfo.InvariantCulture));
        }

        return text.Length == 0 ? "none" : text.ToString();
    }

    internal static ResourceList Create(long milliCpu, long memory, long ephemeralStorage, long pods, bool hasCpu, bool hasMemory, ImmutableSortedDictionary<string, long> scalars) =>
        new(milliCpu, memory, ephemeralStorage, pods, hasCpu, hasMemory, scalars);

    private ResourceList Combine(ResourceList other, Func<long, long, long> combine)
    {
        var scalars = Scalars;
        foreach (var (name, value) in other.Scalars)
        {
            scalars = scalars.SetItem(name, scalars.TryGetValue(name, out var mine) ? combine(mine, value) : combine(0, value));
        }

        return new ResourceList(
            combine(MilliCpu, other.MilliCpu),
            combine(Memory, other.Memory),
            combine(EphemeralStorage, other.EphemeralStorage),
            combine(Pods, other.Pods),
            HasCpu || other.HasCpu,
            HasMemory || other.HasMemory,
            scalars);
    }
}
