using System.Numerics;
using System.Runtime.CompilerServices;

namespace Sim.Engine.Randomness;

/// <summary>
/// A seeded pseudo-random generator: xoshiro256** 1.0 (Blackman and Vigna), implemented here so
/// that its output is fixed by this code, not by a runtime version. It derives from
/// <see cref="System.Random"/>, so MathNet.Numerics distributions and any API that takes a
/// <see cref="System.Random"/> draw from it directly.
/// </summary>
/// <remarks>
/// Obtain one from <see cref="RandomStreams.For(string)"/>; there is no unseeded constructor.
/// Not thread-safe: one generator belongs to one component of one simulation.
/// <see cref="NextDouble"/> takes the top 53 bits, so it returns a multiple of 2^-53 in [0, 1).
/// </remarks>
public sealed class SimRandom : System.Random
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    // The base constructor with a seed is deterministic and its state is never used: every
    // virtual member of System.Random is overridden below.
#pragma warning disable RS0030 // Banned API: System.Random(int) is only the base of this seeded generator.
    internal SimRandom(ulong seed)
        : base(0)
#pragma warning restore RS0030
    {
        var state = seed;
        _s0 = SplitMix64.Next(ref state);
        _s1 = SplitMix64.Next(ref state);
        _s2 = SplitMix64.Next(ref state);
        _s3 = SplitMix64.Next(ref state);
    }

    /// <summary>Creates a generator from a raw xoshiro256** state (not all zero). For tests against the reference implementation.</summary>
    internal SimRandom(ulong s0, ulong s1, ulong s2, ulong s3)
        : this(0)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("The xoshiro256** state must not be all zero.");
        }

        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64() => Step(ref _s0, ref _s1, ref _s2, ref _s3);

    /// <summary>A uniform double in [0, 1), a multiple of 2^-53.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in (0, 1]: safe to take the logarithm of.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDoubleNonZero() => ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <inheritdoc />
    public override float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1U << 24));

    /// <inheritdoc />
    protected override double Sample() => NextDouble();

    /// <summary>A uniform integer in [0, <see cref="int.MaxValue"/>).</summary>
    public override int Next()
    {
        while (true)
        {
            var value = (int)(NextUInt64() >> 33);
            if (value != int.MaxValue)
            {
                return value;
            }
        }
    }

    /// <summary>A uniform integer in [0, <paramref name="maxValue"/>), without modulo bias.</summary>
    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)NextBelow((ulong)maxValue);
    }

    /// <summary>A uniform integer in [<paramref name="minValue"/>, <paramref name="maxValue"/>), without modulo bias.</summary>
    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return (int)((long)minValue + (long)NextBelow((ulong)((long)maxValue - minValue)));
    }

    /// <summary>A uniform integer in [0, <see cref="long.MaxValue"/>).</summary>
    public override long NextInt64()
    {
        while (true)
        {
            var value = (long)(NextUInt64() >> 1);
            if (value != long.MaxValue)
            {
                return value;
            }
        }
    }

    /// <summary>A uniform integer in [0, <paramref name="maxValue"/>), without modulo bias.</summary>
    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (long)NextBelow((ulong)maxValue);
    }

    /// <summary>A uniform integer in [<paramref name="minValue"/>, <paramref name="maxValue"/>), without modulo bias.</summary>
    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return unchecked(minValue + (long)NextBelow((ulong)maxValue - (ulong)minValue));
    }

    /// <inheritdoc />
    public override void NextBytes(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        NextBytes(buffer.AsSpan());
    }

    /// <inheritdoc />
    public override void NextBytes(Span<byte> buffer)
    {
        while (buffer.Length >= 8)
        {
            BitConverter.TryWriteBytes(buffer, NextUInt64());
            buffer = buffer[8..];
        }

        if (!buffer.IsEmpty)
        {
            Span<byte> last = stackalloc byte[8];
            BitConverter.TryWriteBytes(last, NextUInt64());
            last[..buffer.Length].CopyTo(buffer);
        }
    }

    /// <summary>
    /// Draws <c>Next(2)</c>, <c>Next(3)</c>, …, <c>Next(<paramref name="count"/>)</c> in that order, as
    /// reservoir sampling over <paramref name="count"/> equal candidates does, and returns the 0-based index
    /// of the candidate it keeps: the last <c>c</c> whose draw was 0, minus one, or 0 when none was. The
    /// generator ends exactly where those calls would leave it; the state stays in registers for the run.
    /// </summary>
    public int ReservoirIndex(int count)
    {
        var (s0, s1, s2, s3) = (_s0, _s1, _s2, _s3);
        var kept = 0;
        for (var c = 2; c <= count; c++)
        {
            var bound = (ulong)c;
            var high = Math.BigMul(Step(ref s0, ref s1, ref s2, ref s3), bound, out var low);
            if (low < bound)
            {
                var threshold = (0 - bound) % bound;
                while (low < threshold)
                {
                    high = Math.BigMul(Step(ref s0, ref s1, ref s2, ref s3), bound, out low);
                }
            }

            if (high == 0)
            {
                kept = c - 1;
            }
        }

        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
        return kept;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Step(ref ulong s0, ref ulong s1, ref ulong s2, ref ulong s3)
    {
        var result = BitOperations.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = BitOperations.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Lemire's nearly-divisionless method: a uniform value in [0, <paramref name="bound"/>); 0 when the bound is 0.</summary>
    private ulong NextBelow(ulong bound)
    {
        if (bound == 0)
        {
            return 0;
        }

        var high = Math.BigMul(NextUInt64(), bound, out var low);
        if (low < bound)
        {
            var threshold = (0 - bound) % bound;
            while (low < threshold)
            {
                high = Math.BigMul(NextUInt64(), bound, out low);
            }
        }

        return high;
    }
}
