namespace Sim.Cluster.Labels;

/// <summary>Allocation-free searching and stable sorting in ordinal (code-unit) order.</summary>
internal static class Ordinal
{
    /// <summary>The index of <paramref name="value"/> in <paramref name="sorted"/>, or -1.</summary>
    public static int IndexOf(string[] sorted, string value)
    {
        var low = 0;
        var high = sorted.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var order = string.CompareOrdinal(sorted[middle], value);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }

    /// <summary>
    /// Sorts requirements by key, keeping the given order among equal keys (insertion sort: selectors
    /// hold a handful of requirements). Upstream sorts with Go's <c>sort.Sort</c>, which is an
    /// insertion sort, hence stable, for up to 12 elements.
    /// </summary>
    public static void SortByKey(LabelRequirement[] requirements)
    {
        for (var i = 1; i < requirements.Length; i++)
        {
            var item = requirements[i];
            var j = i - 1;
            while (j >= 0 && string.CompareOrdinal(requirements[j].Key, item.Key) > 0)
            {
                requirements[j + 1] = requirements[j];
                j--;
            }

            requirements[j + 1] = item;
        }
    }
}
