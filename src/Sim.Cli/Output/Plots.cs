using ScottPlot;
using Sim.Experiments.Results;

namespace Sim.Cli.Output;

/// <summary>
/// The PNG plots <c>sim run</c> and <c>sim merge</c> write next to the CSV files, drawn from the
/// tables alone: per key metric, a bar per (variant, policy) with its 95% confidence interval over
/// seeds (<c>metric-NAME.png</c>); and per key time series, the mean over seeds of each policy
/// against simulated time, or a fill experiment's arrived GPU workload (<c>series-NAME.png</c>, one
/// line per policy and variant); and the placement–availability trade-off as scatter plots
/// (<see cref="TradeOffPlot"/>).
/// </summary>
internal static class Plots
{
    /// <summary>The time series plotted, when the run reports them.</summary>
    public static readonly IReadOnlyList<string> KeySeries =
        ["cpu_utilization", "memory_utilization", "nodes_in_use", "pending_pods", "unallocated_gpu_pct", "fragmented_gpu_pct", "allocated_gpu_pct"];

    public static IReadOnlyList<string> Write(ResultTables tables, string directory)
    {
        var written = new List<string>();
        var runs = tables.Rows.Select(r => (r.Scenario, r.Policy)).Distinct().ToList();
        var multiple = tables.Rows.Select(r => r.Scenario).Distinct(StringComparer.Ordinal).Count() > 1;
        var inTime = tables.XColumn == "time_s";
        foreach (var metric in ComparisonTable.Shown(tables))
        {
            var m = tables.MetricNames.ToList().IndexOf(metric);
            var plot = new Plot();
            var bars = new List<Bar>();
            for (var i = 0; i < runs.Count; i++)
            {
                var values = tables.Rows.Where(r => r.Scenario == runs[i].Scenario && r.Policy == runs[i].Policy).Select(r => r.Values[m]).ToList();
                var s = SummaryStatistics.Of(values);
                bars.Add(new Bar
                {
                    Position = i,
                    Value = double.IsNaN(s.Mean) ? 0 : s.Mean,
                    Error = double.IsNaN(s.High) ? 0 : s.High - s.Mean,
                    FillColor = Colors.Category10[i % 10],
                });
            }

            plot.Add.Bars(bars);
            plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, runs.Count).Select(i => (double)i)], [.. runs.Select(r => multiple ? $"{r.Scenario}\n{r.Policy}" : r.Policy)]);
            plot.Axes.Margins(bottom: 0);
            plot.Title(metric + (multiple ? string.Empty : $" ({runs[0].Scenario})"));
            plot.YLabel("mean over seeds, 95% CI");
            written.Add(Save(plot, directory, $"metric-{metric}.png"));
        }

        foreach (var metric in KeySeries)
        {
            if (!tables.Rows.Any(r => r.Series.Any(p => p.Metric == metric)))
            {
                continue;
            }

            // One plot per variant when there are several: their policies' lines would not fit one legend.
            var scenarios = runs.Select(r => r.Scenario).Distinct(StringComparer.Ordinal).ToList();
            for (var v = 0; v < scenarios.Count; v++)
            {
                var plot = new Plot();
                var color = 0;
                foreach (var (scenario, policy) in runs.Where(r => r.Scenario == scenarios[v]))
                {
                    var points = tables.Rows.Where(r => r.Scenario == scenario && r.Policy == policy)
                        .SelectMany(r => r.Series.Where(p => p.Metric == metric))
                        .GroupBy(p => p.TimeSeconds)
                        .OrderBy(g => g.Key)
                        .Select(g => (Time: inTime ? g.Key / 3600 : g.Key, Mean: g.Average(p => p.Value)))
                        .ToList();
                    var line = plot.Add.ScatterLine(points.Select(p => p.Time).ToArray(), points.Select(p => p.Mean).ToArray());
                    line.LegendText = policy;
                    line.Color = Colors.Category10[color++ % 10];
                    line.LineWidth = 1.5f;
                }

                plot.ShowLegend(Edge.Right);
                plot.Title($"{metric} ({scenarios[v]}), mean over seeds");
                plot.XLabel(inTime ? "simulated time (h)" : tables.XColumn == "arrived_pct" ? "arrived GPU workload (% of GPU capacity)" : tables.XColumn);
                plot.YLabel(metric);
                written.Add(Save(plot, directory, multiple ? $"series-{metric}-{v + 1}.png" : $"series-{metric}.png"));
            }
        }

        written.AddRange(TradeOffPlot.Write(tables, directory));
        return written;
    }

    private static string Save(Plot plot, string directory, string name)
    {
        var path = Path.Combine(directory, name);
        plot.SavePng(path, 900, 500);
        return path;
    }
}
