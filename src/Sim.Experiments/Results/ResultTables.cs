using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sim.Experiments.Results;

/// <summary>
/// The results of a grid (or one shard of it) as rows in grid order, and the files of the output
/// contract: <c>summary.csv</c>, <c>timing.csv</c>, <c>timeseries.csv</c>, <c>stats.csv</c>,
/// <c>workloads.csv</c> (<see cref="WorkloadTable"/>) and, when asked, <c>events.jsonl</c>. Every file but <c>timing.csv</c> depends only on the rows, and the
/// statistics are computed from the summary as written, so a merged set of shards writes the same
/// bytes as an unsharded run.
/// </summary>
public sealed class ResultTables
{
    /// <summary>The columns naming a run, first in every per-run file.</summary>
    public static readonly IReadOnlyList<string> RunKeyColumns = ["scenario", "policy", "seed"];

    /// <summary>The <c>timing.csv</c> columns.</summary>
    public static readonly IReadOnlyList<string> TimingColumns =
        ["scenario", "policy", "seed", "wall_seconds", "events", "events_per_second", "peak_memory_bytes", "pods_per_wall_second"];

    /// <summary>The <c>timeseries.csv</c> columns of a simulation in time (a fill experiment names its x column <c>arrived_pct</c>: <see cref="XColumn"/>).</summary>
    public static readonly IReadOnlyList<string> SeriesColumns = ["scenario", "policy", "seed", "time_s", "metric", "value"];

    /// <summary>The <c>stats.csv</c> columns.</summary>
    public static readonly IReadOnlyList<string> StatsColumns =
        ["scenario", "policy", "metric", "n", "mean", "sd", "ci95_low", "ci95_high", "baseline", "diff_mean", "diff_ci95_low", "diff_ci95_high"];

    /// <summary>Tables for runs reporting <paramref name="metricNames"/>, their series against <paramref name="xColumn"/>.</summary>
    public ResultTables(IReadOnlyList<string> metricNames, string xColumn = "time_s")
    {
        ArgumentNullException.ThrowIfNull(metricNames);
        ArgumentException.ThrowIfNullOrEmpty(xColumn);
        MetricNames = metricNames;
        XColumn = xColumn;
    }

    /// <summary>The summary's metric columns, in order.</summary>
    public IReadOnlyList<string> MetricNames { get; }

    /// <summary>
    /// The x column of <c>timeseries.csv</c>: <c>time_s</c> (simulated seconds) for a simulation in time,
    /// <c>arrived_pct</c> for a fill experiment (ARCHITECTURE.md §4: arrival-driven experiments name it).
    /// </summary>
    public string XColumn { get; }

    /// <summary>One row per run, in grid order.</summary>
    public List<RunRow> Rows { get; } = [];

    /// <summary>Tables of <paramref name="results"/> (in grid order), their series against <paramref name="xColumn"/>.</summary>
    public static ResultTables From(IReadOnlyList<string> metricNames, IEnumerable<RunResult> results, string xColumn = "time_s")
    {
        ArgumentNullException.ThrowIfNull(results);
        var tables = new ResultTables(metricNames, xColumn);
        foreach (var result in results)
        {
            var values = new double[metricNames.Count];
            var byName = result.Final.ToDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal);
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = byName.TryGetValue(metricNames[i], out var v) ? v : double.NaN;
            }

            var wall = Math.Max(result.WallSeconds, 1e-9);
            object[] timing = [result.WallSeconds, result.Events, result.Events / wall, result.PeakMemoryBytes, result.PodsScheduled / wall];
            var row = new RunRow(result.Run.Scenario.Name, result.Run.Policy.Name, result.Run.Seed, values) { Timing = timing, EventLog = result.EventLog };
            row.Series.AddRange(result.Series.Select(s => new SeriesPoint(s.TimeSeconds, s.Metric, s.Value)));
            row.Workloads.AddRange(result.Workloads);
            tables.Rows.Add(row);
        }

        return tables;
    }

    /// <summary>Writes the contract files into <paramref name="directory"/> (created if missing).</summary>
    public void WriteTo(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        Summary().WriteTo(Path.Combine(directory, "summary.csv"));
        Timing().WriteTo(Path.Combine(directory, "timing.csv"));
        Series().WriteTo(Path.Combine(directory, "timeseries.csv"));
        Stats().WriteTo(Path.Combine(directory, "stats.csv"));
        WorkloadTable.Write(Rows).WriteTo(Path.Combine(directory, WorkloadTable.FileName));
        var events = Path.Combine(directory, "events.jsonl");
        if (Rows.Any(r => r.EventLog is not null))
        {
            File.WriteAllText(events, EventLines(), new UTF8Encoding(false));
        }
    }

    /// <summary><c>summary.csv</c>: scenario, policy, seed, then every metric.</summary>
    public CsvTable Summary()
    {
        var table = new CsvTable([.. RunKeyColumns, .. MetricNames]);
        foreach (var row in Rows)
        {
            table.Row([row.Scenario, row.Policy, row.Seed, .. row.Values.Cast<object>()]);
        }

        return table;
    }

    /// <summary><c>timing.csv</c>: wall time, events and memory per run.</summary>
    public CsvTable Timing()
    {
        var table = new CsvTable(TimingColumns);
        foreach (var row in Rows)
        {
            table.Row([row.Scenario, row.Policy, row.Seed, .. row.Timing]);
        }

        return table;
    }

    /// <summary><c>timeseries.csv</c>: long format, one row per (run, sample time or <see cref="XColumn"/> value, metric).</summary>
    public CsvTable Series()
    {
        var table = new CsvTable([.. SeriesColumns.Take(3), XColumn, .. SeriesColumns.Skip(4)]);
        foreach (var row in Rows)
        {
            foreach (var point in row.Series)
            {
                table.Row(row.Scenario, row.Policy, row.Seed, point.TimeSeconds, point.Metric, point.Value);
            }
        }

        return table;
    }

    /// <summary>
    /// <c>stats.csv</c>: per (scenario, policy, metric), over seeds: n, mean, sd and the 95% Student t
    /// interval; and against the scenario's first policy (the baseline) the mean paired difference
    /// over the seeds both ran, with its 95% interval (empty on the baseline's own rows).
    /// </summary>
    public CsvTable Stats()
    {
        var table = new CsvTable(StatsColumns);
        foreach (var c in Comparisons())
        {
            object? diffMean = null, diffLow = null, diffHigh = null;
            if (c.Difference is { } d)
            {
                (diffMean, diffLow, diffHigh) = (d.Mean, d.Low, d.High);
            }

            var v = c.Values;
            table.Row(c.Scenario, c.Policy, MetricNames[c.Metric], v.Count, v.Mean, v.StandardDeviation, v.Low, v.High, c.Baseline, diffMean!, diffLow!, diffHigh!);
        }

        return table;
    }

    /// <summary>
    /// The statistics behind <c>stats.csv</c>, in its row order: per scenario, policy (in order of
    /// appearance; the first is the baseline) and metric, the values over seeds and, for every policy
    /// but the baseline that shares a seed with it, the paired differences from the baseline.
    /// </summary>
    public IEnumerable<PolicyComparison> Comparisons()
    {
        foreach (var scenario in Rows.Select(r => r.Scenario).Distinct(StringComparer.Ordinal))
        {
            var rows = Rows.Where(r => r.Scenario == scenario).ToList();
            var policies = rows.Select(r => r.Policy).Distinct(StringComparer.Ordinal).ToList();
            var baseline = policies[0];
            var baselineRows = rows.Where(r => r.Policy == baseline).ToDictionary(r => r.Seed);
            foreach (var policy in policies)
            {
                var policyRows = rows.Where(r => r.Policy == policy).ToList();
                var paired = policyRows.Where(r => baselineRows.ContainsKey(r.Seed)).ToList();
                for (var m = 0; m < MetricNames.Count; m++)
                {
                    var values = SummaryStatistics.Of([.. policyRows.Select(r => r.Values[m])]);
                    SummaryStatistics? difference = policy != baseline && paired.Count > 0
                        ? SummaryStatistics.OfDifferences([.. paired.Select(r => r.Values[m])], [.. paired.Select(r => baselineRows[r.Seed].Values[m])])
                        : null;
                    yield return new PolicyComparison(scenario, policy, baseline, m, baselineRows.Count, values, difference);
                }
            }
        }
    }

    /// <summary>Reads the files <see cref="WriteTo"/> wrote (for merging shards).</summary>
    /// <exception cref="InvalidDataException">A file is missing or not as written by Sim; the message names it.</exception>
    public static ResultTables ReadFrom(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var summary = ReadCsv(directory, "summary.csv", minColumns: 3);
        var header = summary[0];
        if (header.Count < 3 || header[0] != "scenario" || header[1] != "policy" || header[2] != "seed")
        {
            throw new InvalidDataException($"{Path.Combine(directory, "summary.csv")}:1: expected the columns scenario,policy,seed,... as sim run writes them");
        }

        var series = ReadCsv(directory, "timeseries.csv", SeriesColumns.Count);
        var x = series[0][3];
        if (x.Length == 0)
        {
            throw new InvalidDataException($"{Path.Combine(directory, "timeseries.csv")}:1: expected the columns scenario,policy,seed,X,metric,value as sim run writes them");
        }

        var tables = new ResultTables([.. header.Skip(3)], x);
        var byKey = new Dictionary<(string, string, ulong), RunRow>();
        for (var i = 1; i < summary.Count; i++)
        {
            var cells = summary[i];
            var seed = ParseSeed(cells[2], directory, "summary.csv", i + 1);
            var values = cells.Skip(3).Select(c => ParseDouble(c, directory, "summary.csv", i + 1)).ToArray();
            var row = new RunRow(cells[0], cells[1], seed, values);
            tables.Rows.Add(row);
            byKey[(row.Scenario, row.Policy, row.Seed)] = row;
        }

        var timing = ReadCsv(directory, "timing.csv", TimingColumns.Count);
        for (var i = 1; i < timing.Count; i++)
        {
            var c = timing[i];
            var row = Find(byKey, c, directory, "timing.csv", i + 1);
            row.Timing = [.. c.Skip(3)];
        }

        for (var i = 1; i < series.Count; i++)
        {
            var c = series[i];
            var row = Find(byKey, c, directory, "timeseries.csv", i + 1);
            row.Series.Add(new SeriesPoint(ParseDouble(c[3], directory, "timeseries.csv", i + 1), c[4], ParseDouble(c[5], directory, "timeseries.csv", i + 1)));
        }

        WorkloadTable.ReadInto(directory, byKey);
        var events = Path.Combine(directory, "events.jsonl");
        if (File.Exists(events))
        {
            var logs = new Dictionary<(string, string, ulong), StringBuilder>();
            var number = 0;
            foreach (var line in File.ReadLines(events))
            {
                number++;
                (string, string, ulong) key;
                try
                {
                    using var json = JsonDocument.Parse(line);
                    key = (json.RootElement.GetProperty("scenario").GetString()!, json.RootElement.GetProperty("policy").GetString()!, json.RootElement.GetProperty("seed").GetUInt64());
                }
                catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
                {
                    throw new InvalidDataException($"{events}:{number}: not an event line as sim run writes them ({e.Message})", e);
                }

                if (!logs.TryGetValue(key, out var builder))
                {
                    logs[key] = builder = new StringBuilder();
                }

                builder.Append(line).Append('\n');
            }

            foreach (var r in tables.Rows)
            {
                r.EventLog = logs.TryGetValue((r.Scenario, r.Policy, r.Seed), out var b) ? b.ToString() : string.Empty;
                r.Raw = true;
            }
        }

        return tables;
    }

    private string EventLines()
    {
        var text = new StringBuilder();
        foreach (var row in Rows)
        {
            if (row.EventLog is not { } log)
            {
                continue;
            }

            if (row.Raw)
            {
                text.Append(log);
                continue;
            }

            var prefix = "{\"scenario\":" + JsonSerializer.Serialize(row.Scenario) + ",\"policy\":" + JsonSerializer.Serialize(row.Policy)
                + ",\"seed\":" + row.Seed.ToString(CultureInfo.InvariantCulture) + ",";
            foreach (var line in log.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                text.Append(prefix).Append(line.AsSpan(1)).Append('\n');
            }
        }

        return text.ToString();
    }

    internal static RunRow Find(Dictionary<(string, string, ulong), RunRow> byKey, IReadOnlyList<string> cells, string directory, string file, int line)
    {
        var seed = ParseSeed(cells[2], directory, file, line);
        return byKey.TryGetValue((cells[0], cells[1], seed), out var row)
            ? row
            : throw new InvalidDataException($"{Path.Combine(directory, file)}:{line}: run ({cells[0]}, {cells[1]}, {seed}) is not in summary.csv");
    }

    internal static List<IReadOnlyList<string>> ReadCsv(string directory, string file, int minColumns)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: missing; expected the outputs of 'sim run'");
        }

        var rows = new List<IReadOnlyList<string>>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var cells = CsvTable.Split(line);
            if (cells.Count < minColumns || (rows.Count > 0 && cells.Count != rows[0].Count))
            {
                throw new InvalidDataException($"{path}:{number}: expected {(rows.Count > 0 ? rows[0].Count : minColumns)} cells, found {cells.Count}");
            }

            rows.Add(cells);
        }

        return rows.Count > 0 ? rows : throw new InvalidDataException($"{path}: empty; expected a header row");
    }

    internal static double ParseDouble(string text, string directory, string file, int line) =>
        text.Length == 0 ? double.NaN
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
        : throw new InvalidDataException($"{Path.Combine(directory, file)}:{line}: '{text}' is not a number");

    private static ulong ParseSeed(string text, string directory, string file, int line) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : throw new InvalidDataException($"{Path.Combine(directory, file)}:{line}: seed '{text}' is not a non-negative integer");
}

/// <summary>One run's row in the output tables.</summary>
/// <param name="scenario">The scenario (variant) name.</param>
/// <param name="policy">The policy name.</param>
/// <param name="seed">The seed.</param>
/// <param name="values">The final metrics, in <see cref="ResultTables.MetricNames"/> order.</param>
public sealed class RunRow(string scenario, string policy, ulong seed, double[] values)
{
    /// <summary>The scenario (variant) name.</summary>
    public string Scenario { get; } = scenario;

    /// <summary>The policy name.</summary>
    public string Policy { get; } = policy;

    /// <summary>The seed.</summary>
    public ulong Seed { get; } = seed;

    /// <summary>The final metrics, in <see cref="ResultTables.MetricNames"/> order.</summary>
    public IReadOnlyList<double> Values { get; } = values;

    /// <summary>The <c>timing.csv</c> cells after the run's keys (wall time, events, memory; machine-dependent).</summary>
    public IReadOnlyList<object> Timing { get; set; } = [];

    /// <summary>The sampled time series.</summary>
    public List<SeriesPoint> Series { get; } = [];

    /// <summary>The per-workload and per-Service measures (<c>workloads.csv</c>).</summary>
    public List<WorkloadMetric> Workloads { get; } = [];

    /// <summary>The run's event lines, or null.</summary>
    public string? EventLog { get; set; }

    /// <summary>True when <see cref="EventLog"/> already carries the run's keys (read back from events.jsonl).</summary>
    public bool Raw { get; set; }
}

/// <summary>One (scenario, policy, metric) of <see cref="ResultTables.Comparisons"/>.</summary>
/// <param name="Scenario">The scenario (variant) name.</param>
/// <param name="Policy">The policy name.</param>
/// <param name="Baseline">The scenario's first policy.</param>
/// <param name="Metric">The metric's index in <see cref="ResultTables.MetricNames"/>.</param>
/// <param name="BaselineSeeds">How many seeds the baseline ran.</param>
/// <param name="Values">The metric over the policy's seeds.</param>
/// <param name="Difference">The paired differences from the baseline over the seeds both ran; null for the baseline itself or without a shared seed.</param>
public sealed record PolicyComparison(string Scenario, string Policy, string Baseline, int Metric, int BaselineSeeds, SummaryStatistics Values, SummaryStatistics? Difference);

/// <summary>One sampled value.</summary>
/// <param name="TimeSeconds">Simulated seconds since the run started.</param>
/// <param name="Metric">The metric name.</param>
/// <param name="Value">The value.</param>
public readonly record struct SeriesPoint(double TimeSeconds, string Metric, double Value);
