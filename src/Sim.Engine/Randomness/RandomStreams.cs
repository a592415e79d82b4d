namespace Sim.Engine.Randomness;

/// <summary>
/// The only source of randomness in a run: one root seed, from which every component takes its own
/// named stream. A stream depends on the root seed and its name only, so adding a component (and
/// its stream) never changes the draws of another one. That is what makes common random numbers
/// work: the same seed gives every policy the same arrivals and the same faults.
/// </summary>
/// <example>
/// <code>
/// var streams = new RandomStreams(seed: 42);
/// var arrivals = streams.For("arrivals");
/// var crashes = streams.Child("faults").For("node-crash", nodeIndex);
/// var gap = new MathNet.Numerics.Distributions.Exponential(2.0, arrivals).Sample();
/// </code>
/// </example>
public sealed class RandomStreams
{
    private readonly ulong _key;

    /// <summary>The streams of run <paramref name="seed"/>.</summary>
    public RandomStreams(ulong seed)
        : this(seed, SplitMix64.Mix(seed ^ 0x5EED5EED5EED5EEDUL), path: string.Empty)
    {
    }

    private RandomStreams(ulong seed, ulong key, string path)
    {
        Seed = seed;
        _key = key;
        Path = path;
    }

    /// <summary>The root seed of the run.</summary>
    public ulong Seed { get; }

    /// <summary>The names of the <see cref="Child"/> calls that led here, joined by '/'; empty at the root.</summary>
    public string Path { get; }

    /// <summary>
    /// A new generator at the start of the stream called <paramref name="name"/>. Each call returns a
    /// fresh generator: two calls with the same name give two generators with the same draws.
    /// </summary>
    public SimRandom For(string name) => new(StreamSeed(name, index: 0, hasIndex: false));

    /// <summary>Stream <paramref name="index"/> of a family, e.g. one per node: <c>For("node-crash", 17)</c>.</summary>
    public SimRandom For(string name, long index) => new(StreamSeed(name, index, hasIndex: true));

    /// <summary>A namespace of streams under <paramref name="name"/>, for a component that owns several.</summary>
    public RandomStreams Child(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var path = Path.Length == 0 ? name : Path + "/" + name;
        return new RandomStreams(Seed, SplitMix64.Mix(_key ^ StableHash.Of(name) ^ 0xC41D_C41D_C41D_C41DUL), path);
    }

    private ulong StreamSeed(string name, long index, bool hasIndex)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var seed = SplitMix64.Mix(_key ^ StableHash.Of(name));
        if (hasIndex)
        {
            seed = SplitMix64.Mix(seed ^ SplitMix64.Mix(unchecked((ulong)index + 0x9E3779B97F4A7C15UL)));
        }

        return seed;
    }
}
