using ScottPlot;
using Sim.Experiments.Results;

namespace Sim.Cli.Output;

/// <summary>
/// The placement–availability trade-off as scatter plots (<c>tradeoff-Y.png</c>): one point per
/// (variant, policy) at the mean over seeds of the nodes in use (x) and of an availability measure
/// (y), with whiskers for both 95% confidence intervals. Drawn for each measure of <see cref="Measures"/>
/// the run reports with a value, and only when the run reports <see cref="Cost"/> too.
/// </summary>
internal static class TradeOffPlot
{
    /// <summary>The x axis: what a policy costs in nodes.</summary>
    public const string Cost = "nodes_in_use_mean";

    /// <summary>The y axes, one plot each: what the workloads get.</summary>
    public static readonly IReadOnlyList<string> Measures = ["availability_mean", "request_success_rate"];

    public static IReadOnlyList<string> Write(ResultTables tables, string directory)
    {
        var written = new List<string>();
        var x = IndexOf(tables, Cost);
        if (x < 0)
        {
            return written;
        }

        var runs = tables.Rows.Select(r => (r.Scenario, r.Policy)).Distinct().ToList();
        var multiple = tables.Rows.Select(r => r.Scenario).Distinct(StringComparer.Ordinal).Count() > 1;
        foreach (var measure in Measures)
        {
            var y = IndexOf(tables, measure);
            if (y < 0 || tables.Rows.All(r => double.IsNaN(r.Values[y])))
            {
                continue;
            }

            var plot = new Plot();
            for (var i = 0; i < runs.Count; i++)
            {
                var rows = tables.Rows.Where(r => r.Scenario == runs[i].Scenario && r.Policy == runs[i].Policy).ToList();
                var sx = SummaryStatistics.Of([.. rows.Select(r => r.Values[x])]);
                var sy = SummaryStatistics.Of([.. rows.Where(r => !double.IsNaN(r.Values[y])).Select(r => r.Values[y])]);
                var color = Colors.Category10[i % 10];
                if (!double.IsNaN(sx.Low))
                {
                    plot.Add.Line(sx.Low, sy.Mean, sx.High, sy.Mean).Color = color;
                }

                if (!double.IsNaN(sy.Low))
                {
                    plot.Add.Line(sx.Mean, sy.Low, sx.Mean, sy.High).Color = color;
                }

                var point = plot.Add.Marker(sx.Mean, sy.Mean);
                point.Color = color;
                point.MarkerSize = 10;
                point.LegendText = multiple ? $"{runs[i].Scenario} {runs[i].Policy}" : runs[i].Policy;
            }

            plot.ShowLegend();
            plot.Title($"{measure} against {Cost}" + (multiple ? string.Empty : $" ({runs[0].Scenario})"));
            plot.XLabel($"{Cost}, mean over seeds, 95% CI");
            plot.YLabel($"{measure}, mean over seeds, 95% CI");
            var path = Path.Combine(directory, $"tradeoff-{measure}.png");
            plot.SavePng(path, 900, 600);
            written.Add(path);
        }

        return written;
    }

    private static int IndexOf(ResultTables tables, string metric) => tables.MetricNames.ToList().IndexOf(metric);
}
