using Sim.Metrics.Replication;

namespace Sim.Experiments.Results;

/// <summary>
/// <c>workloads.csv</c>: long format, one row per (run, workload or Service, measure), from
/// <see cref="ReplicationCollector.Workloads"/> and <see cref="ReplicationCollector.Services"/>:
/// each run's workloads in order of creation, then its Services in order of creation of their
/// endpoints, each object's measures in the order of <see cref="WorkloadMetrics"/> or <see cref="ServiceMetrics"/>.
/// </summary>
public static class WorkloadTable
{
    /// <summary>The file's name in an output folder.</summary>
    public const string FileName = "workloads.csv";

    /// <summary>The <c>workloads.csv</c> columns.</summary>
    public static readonly IReadOnlyList<string> Columns = ["scenario", "policy", "seed", "kind", "namespace", "name", "metric", "value"];

    /// <summary>
    /// A workload's measures: seconds it existed, availability, replica-deficit seconds, pods created
    /// and pods recreated (as <see cref="WorkloadReplication"/>).
    /// </summary>
    public static readonly IReadOnlyList<string> WorkloadMetrics = ["lifetime_s", "availability", "replica_deficit_s", "pods_created", "pods_recreated"];

    /// <summary>
    /// A Service's measures: seconds its endpoints existed, mean distinct nodes and zones under its
    /// ready endpoints, request rate, requests, successes and success rate (NaN without requests), as
    /// <see cref="ServiceReplication"/>.
    /// </summary>
    public static readonly IReadOnlyList<string> ServiceMetrics =
        ["lifetime_s", "nodes_mean", "zones_mean", "request_rate_per_s", "requests", "request_successes", "request_success_rate"];

    /// <summary>The rows of one run's <paramref name="replication"/> collector, at the time of the call.</summary>
    public static IReadOnlyList<WorkloadMetric> Of(ReplicationCollector replication)
    {
        ArgumentNullException.ThrowIfNull(replication);
        var rows = new List<WorkloadMetric>();
        foreach (var w in replication.Workloads())
        {
            double[] values = [w.LifetimeSeconds, w.Availability, w.DeficitSeconds, w.PodsCreated, w.PodsRecreated];
            Add(rows, w.Kind, w.Namespace, w.Name, WorkloadMetrics, values);
        }

        foreach (var s in replication.Services())
        {
            double[] values = [s.LifetimeSeconds, s.NodesMean, s.ZonesMean, s.RatePerSecond, s.Requests, s.Successes, s.Requests > 0 ? (double)s.Successes / s.Requests : double.NaN];
            Add(rows, "Service", s.Namespace, s.Name, ServiceMetrics, values);
        }

        return rows;
    }

    /// <summary>The table of <paramref name="rows"/>, in their order.</summary>
    public static CsvTable Write(IEnumerable<RunRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var table = new CsvTable(Columns);
        foreach (var row in rows)
        {
            foreach (var m in row.Workloads)
            {
                table.Row(row.Scenario, row.Policy, row.Seed, m.Kind, m.Namespace, m.Name, m.Metric, m.Value);
            }
        }

        return table;
    }

    /// <summary>Reads <c>workloads.csv</c> from <paramref name="directory"/> into the rows of <paramref name="byKey"/>.</summary>
    internal static void ReadInto(string directory, Dictionary<(string, string, ulong), RunRow> byKey)
    {
        var lines = ResultTables.ReadCsv(directory, FileName, Columns.Count);
        for (var i = 1; i < lines.Count; i++)
        {
            var c = lines[i];
            var row = ResultTables.Find(byKey, c, directory, FileName, i + 1);
            row.Workloads.Add(new WorkloadMetric(c[3], c[4], c[5], c[6], ResultTables.ParseDouble(c[7], directory, FileName, i + 1)));
        }
    }

    private static void Add(List<WorkloadMetric> rows, string kind, string ns, string name, IReadOnlyList<string> metrics, double[] values)
    {
        for (var i = 0; i < metrics.Count; i++)
        {
            rows.Add(new WorkloadMetric(kind, ns, name, metrics[i], values[i]));
        }
    }
}
