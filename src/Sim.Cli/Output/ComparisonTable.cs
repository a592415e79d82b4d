using System.Globalization;
using Sim.Experiments.Results;
using Spectre.Console;

namespace Sim.Cli.Output;

/// <summary>
/// The table <c>sim run</c> prints at the end: per scenario variant and policy, the key metrics' mean
/// with its 95% confidence interval over seeds, and each policy's paired difference from the baseline.
/// </summary>
internal static class ComparisonTable
{
    /// <summary>The metrics shown, in order, when the run reports them (every metric is in the CSV files).</summary>
    public static readonly IReadOnlyList<string> KeyMetrics =
    [
        "cpu_utilization", "memory_utilization", "nodes_in_use_mean", "cpu_stranded_fraction", "pending_pods_mean",
        "scheduling_latency_p99_s", "availability_mean", "pods_preempted",
        "unallocated_gpu_pct_at_100", "fragmented_gpu_pct_at_100", "failed_pods_at_100",
    ];

    public static IReadOnlyList<string> Shown(ResultTables tables)
    {
        var shown = KeyMetrics.Where(m => tables.MetricNames.Contains(m, StringComparer.Ordinal)).ToList();
        return shown.Count > 0 ? shown : [.. tables.MetricNames.Take(5)];
    }

    public static void Print(ResultTables tables, IAnsiConsole? console = null)
    {
        console ??= AnsiConsole.Console;
        var shown = Shown(tables).Select(m => IndexOf(tables, m)).ToList();
        foreach (var scenario in tables.Comparisons().GroupBy(c => c.Scenario))
        {
            var first = scenario.First();
            var policies = scenario.Select(c => c.Policy).Distinct(StringComparer.Ordinal).ToList();
            var table = new Table().Title(Markup.Escape($"{scenario.Key}: mean [95% CI] over {first.BaselineSeeds} seeds; Δ = paired difference from {first.Baseline} [95% CI]"));
            table.AddColumn("metric");
            foreach (var policy in policies)
            {
                table.AddColumn(new TableColumn(Markup.Escape(policy)).RightAligned());
            }

            var byCell = scenario.ToDictionary(c => (c.Policy, c.Metric));
            foreach (var m in shown)
            {
                var cells = new List<string> { tables.MetricNames[m] };
                foreach (var policy in policies)
                {
                    var c = byCell[(policy, m)];
                    var cell = Interval(c.Values);
                    if (c.Difference is { Count: > 1 } d)
                    {
                        cell += "\nΔ " + Signed(d.Mean) + " " + Bracket(d);
                    }

                    cells.Add(cell);
                }

                table.AddRow([.. cells.Select(c => new Text(c))]);
            }

            console.Write(table);
        }
    }

    private static int IndexOf(ResultTables tables, string metric)
    {
        for (var i = 0; i < tables.MetricNames.Count; i++)
        {
            if (tables.MetricNames[i] == metric)
            {
                return i;
            }
        }

        throw new ArgumentException($"no metric {metric}", nameof(metric));
    }

    private static string Interval(SummaryStatistics s) => double.IsNaN(s.Low) ? Number(s.Mean) : Number(s.Mean) + " " + Bracket(s);

    private static string Bracket(SummaryStatistics s) => double.IsNaN(s.Low) ? string.Empty : $"[{Number(s.Low)}, {Number(s.High)}]";

    private static string Signed(double value) => (value > 0 ? "+" : string.Empty) + Number(value);

    private static string Number(double value) => value switch
    {
        double.NaN => "–",
        _ when value == 0 => "0",
        _ when Math.Abs(value) >= 1000 => value.ToString("N0", CultureInfo.InvariantCulture),
        _ when Math.Abs(value) >= 1 => value.ToString("0.##", CultureInfo.InvariantCulture),
        _ => value.ToString("0.####", CultureInfo.InvariantCulture),
    };
}
