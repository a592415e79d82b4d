namespace Sim.Experiments.Results;

/// <summary>
/// Joins the output folders of the shards of one grid (<c>sim run --shard K/N</c>) into the output
/// an unsharded run writes: the same rows in grid order, statistics recomputed from the joined summary.
/// </summary>
public static class ShardMerger
{
    /// <summary>Reads and joins <paramref name="directories"/>.</summary>
    /// <exception cref="InvalidDataException">A folder is not a shard output, the shards come from different grids, or runs are missing or repeated; the message says which.</exception>
    public static ResultTables Merge(IReadOnlyList<string> directories)
    {
        ArgumentNullException.ThrowIfNull(directories);
        if (directories.Count == 0)
        {
            throw new InvalidDataException("no shard folders given");
        }

        // Keyed by grid index rather than an array of TotalRuns: the count comes from a file, and a
        // damaged one must not make the merge allocate gigabytes before the missing runs are reported.
        var rows = new Dictionary<int, RunRow>();
        var totalRuns = 0;
        IReadOnlyList<string>? metrics = null;
        string? x = null;
        ShardManifest? first = null;
        string? firstDirectory = null;
        foreach (var directory in directories)
        {
            var manifest = ShardManifest.ReadFrom(directory);
            var tables = ResultTables.ReadFrom(directory);
            if (first is null)
            {
                (first, firstDirectory, metrics, x) = (manifest, directory, tables.MetricNames, tables.XColumn);
                totalRuns = manifest.TotalRuns;
            }
            else if (manifest.Scenario != first.Scenario || manifest.TotalRuns != first.TotalRuns)
            {
                throw new InvalidDataException(
                    $"{directory}: shard of scenario '{manifest.Scenario}' with {manifest.TotalRuns} runs, but {firstDirectory} is of '{first.Scenario}' with {first.TotalRuns} runs");
            }
            else if (!tables.MetricNames.SequenceEqual(metrics!, StringComparer.Ordinal))
            {
                throw new InvalidDataException($"{directory}: summary.csv has other metric columns than {firstDirectory}");
            }
            else if (tables.XColumn != x)
            {
                throw new InvalidDataException($"{directory}: timeseries.csv is against {tables.XColumn} but {firstDirectory}'s is against {x}");
            }

            if (manifest.Runs.Count != tables.Rows.Count)
            {
                throw new InvalidDataException($"{directory}: shard.json lists {manifest.Runs.Count} runs but summary.csv has {tables.Rows.Count} rows");
            }

            for (var i = 0; i < manifest.Runs.Count; i++)
            {
                var index = manifest.Runs[i];
                if (index < 0 || index >= totalRuns)
                {
                    throw new InvalidDataException($"{directory}: run {index} is outside the grid of {totalRuns} runs");
                }

                if (!rows.TryAdd(index, tables.Rows[i]))
                {
                    throw new InvalidDataException($"{directory}: run {index} is also in another shard folder");
                }
            }
        }

        if (rows.Count < totalRuns)
        {
            // Every index in rows is within [0, totalRuns), so one below rows.Count + 1 is missing.
            var firstMissing = Enumerable.Range(0, totalRuns).First(i => !rows.ContainsKey(i));
            throw new InvalidDataException(
                $"{totalRuns - rows.Count} of {totalRuns} runs are missing (e.g. run {firstMissing}); pass every shard's folder, from --shard 1/{ShardCount(first!)} to {ShardCount(first!)}/{ShardCount(first!)}");
        }

        var merged = new ResultTables(metrics!, x!);
        merged.Rows.AddRange(Enumerable.Range(0, totalRuns).Select(i => rows[i]));
        return merged;
    }

    private static string ShardCount(ShardManifest manifest) => manifest.Shard.Split('/') is [_, var n] ? n : "N";
}
