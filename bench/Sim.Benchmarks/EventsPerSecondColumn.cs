using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Sim.Benchmarks;

/// <summary>Operations per second from the mean time per operation (an operation is one event, or one pod).</summary>
public sealed class EventsPerSecondColumn(string columnName = "Events/s", string legend = "Events per second: 1 / mean time per event") : IColumn
{
    public string Id => nameof(EventsPerSecondColumn) + columnName;

    public string ColumnName => columnName;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } statistics)
        {
            return "NA";
        }

        var perSecond = 1e9 / statistics.Mean;
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        return perSecond >= 1e6
            ? (perSecond / 1e6).ToString("F2", culture) + " M"
            : (perSecond / 1e3).ToString("F1", culture) + " k";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
