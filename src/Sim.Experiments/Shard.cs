using System.Globalization;

namespace Sim.Experiments;

/// <summary>
/// Slice <see cref="Index"/> of <see cref="Count"/> of a grid of runs: run i belongs to shard
/// (i mod Count) + 1, so shards get an even mix of policies and seeds.
/// </summary>
/// <param name="Index">From 1 to <paramref name="Count"/>.</param>
/// <param name="Count">How many shards the grid is cut into.</param>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The whole grid.</summary>
    public static Shard Whole => new(1, 1);

    /// <summary>Whether this is the whole grid.</summary>
    public bool IsWhole => Count == 1;

    /// <summary>Whether run <paramref name="runIndex"/> (from 0) belongs to this shard.</summary>
    public bool Contains(int runIndex) => runIndex % Count == Index - 1;

    /// <summary>Parses <c>K/N</c> (1 ≤ K ≤ N).</summary>
    public static bool TryParse(string text, out Shard shard, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        shard = Whole;
        error = string.Empty;
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || n < 1 || k < 1 || k > n)
        {
            error = $"--shard '{text}': expected K/N with 1 <= K <= N, e.g. 2/8";
            return false;
        }

        shard = new Shard(k, n);
        return true;
    }

    /// <summary><c>K/N</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
