using System.Globalization;
using Sim.Cluster.Gpu;
using Sim.Cluster.Objects;

namespace Sim.Experiments.Tests.Fill;

/// <summary>
/// A minimal reader of the openb CSV files (Alibaba GPU trace 2023, ../shared/data/alibaba-gpu-2023), for
/// the tests only: Sim.Traces' readers are not on this branch. Columns are found by header name.
/// </summary>
internal static class OpenbTrace
{
    public static string? Directory()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sim.sln")))
        {
            directory = directory.Parent;
        }

        var data = directory?.Parent is { } parent ? Path.Combine(parent.FullName, "shared", "data", "alibaba-gpu-2023") : null;
        return data is not null && File.Exists(Path.Combine(data, "openb_node_list_gpu_node.csv")) ? data : null;
    }

    /// <summary>The nodes of <c>openb_node_list_gpu_node.csv</c>: cpu, memory (MiB), GPUs and model; room for 1001 pods.</summary>
    public static List<Node> Nodes(string directory) =>
        [.. Rows(Path.Combine(directory, "openb_node_list_gpu_node.csv")).Select(r =>
            GpuObjects.CreateNode(r["sn"], Long(r["cpu_milli"]), Long(r["memory_mib"]) << 20, (int)Long(r["gpu"]), r["model"], pods: 1001))];

    /// <summary>The pods of <c>openb_pod_list_NAME.csv</c>: cpu, memory (MiB) and the GPU request.</summary>
    public static List<Pod> Pods(string directory, string name = "default") =>
        [.. Rows(Path.Combine(directory, $"openb_pod_list_{name}.csv")).Select(r =>
            GpuObjects.CreatePod(r["name"], Long(r["cpu_milli"]), Long(r["memory_mib"]) << 20, (int)Long(r["num_gpu"]), (int)Long(r["gpu_milli"]), r.GetValueOrDefault("gpu_spec") ?? string.Empty))];

    private static long Long(string text) => long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static IEnumerable<Dictionary<string, string>> Rows(string path)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine()!.Split(',');
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split(',');
            yield return header.Select((h, i) => (h, v: i < fields.Length ? fields[i] : string.Empty)).ToDictionary(x => x.h, x => x.v, StringComparer.Ordinal);
        }
    }
}
