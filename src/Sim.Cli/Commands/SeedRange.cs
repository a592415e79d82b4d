using System.Globalization;

namespace Sim.Cli.Commands;

/// <summary>Parses <c>--seeds</c>: a range <c>1..10</c>, a list <c>1,4,9</c>, or a single seed.</summary>
internal static class SeedRange
{
    public const int MaxSeeds = 100_000;

    public static bool TryParse(string text, out IReadOnlyList<ulong> seeds, out string error)
    {
        seeds = [];
        error = string.Empty;
        var range = text.Split("..");
        if (range.Length == 2)
        {
            if (!TryParseSeed(range[0], out var first) || !TryParseSeed(range[1], out var last) || last < first)
            {
                error = $"--seeds '{text}': expected FIRST..LAST with 0 <= FIRST <= LAST, e.g. 1..10";
                return false;
            }

            if (last - first >= MaxSeeds)
            {
                error = $"--seeds '{text}': at most {MaxSeeds:N0} seeds";
                return false;
            }

            // Counted, not 'seed <= last': a range ending at ulong.MaxValue would wrap to 0 and never end.
            var list = new List<ulong>((int)(last - first + 1));
            for (var i = 0UL; i <= last - first; i++)
            {
                list.Add(first + i);
            }

            seeds = list;
            return true;
        }

        var parsed = new List<ulong>();
        foreach (var part in text.Split(','))
        {
            if (!TryParseSeed(part, out var seed))
            {
                error = $"--seeds '{text}': '{part}' is not a seed; expected a non-negative integer, a list 1,2,3 or a range 1..10";
                return false;
            }

            if (parsed.Contains(seed))
            {
                error = $"--seeds '{text}': seed {seed} is listed twice";
                return false;
            }

            parsed.Add(seed);
        }

        seeds = parsed;
        return true;
    }

    private static bool TryParseSeed(string text, out ulong seed) =>
        ulong.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out seed);
}
