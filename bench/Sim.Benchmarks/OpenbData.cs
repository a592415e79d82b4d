using Sim.Cluster.Objects;
using Sim.Experiments.Fill;

namespace Sim.Benchmarks;

/// <summary>
/// The Alibaba GPU 2023 ("openb") trace the fill benchmarks run on: the GPU node list and the default pod
/// list, from <c>../shared/data/alibaba-gpu-2023</c> beside the repository (the tests look there too), or
/// from the folder in <c>SIM_OPENB_DATA</c>. The trace is not part of the repository.
/// </summary>
internal static class OpenbData
{
    public const string NodeList = "openb_node_list_gpu_node.csv";

    public const string DefaultPodList = "openb_pod_list_default.csv";

    /// <summary>The folder holding the trace, or null when it is not there.</summary>
    public static string? Folder()
    {
        if (Environment.GetEnvironmentVariable("SIM_OPENB_DATA") is { Length: > 0 } given)
        {
            return HasTrace(given) ? given : null;
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Sim.sln")))
                {
                    var data = directory.Parent is { } parent ? Path.Combine(parent.FullName, "shared", "data", "alibaba-gpu-2023") : null;
                    return data is not null && HasTrace(data) ? data : null;
                }
            }
        }

        return null;
    }

    /// <summary>The 1,213 GPU nodes and the 8,152 pods of the default pod list.</summary>
    /// <exception cref="FileNotFoundException">When the trace is not there.</exception>
    public static (List<Node> Nodes, List<Pod> Pods) ReadDefault()
    {
        var folder = Folder() ?? throw new FileNotFoundException("the openb trace is neither in ../shared/data/alibaba-gpu-2023 beside the repository nor in SIM_OPENB_DATA");
        return OpenbCluster.Read(Path.Combine(folder, NodeList), Path.Combine(folder, DefaultPodList));
    }

    private static bool HasTrace(string folder) => File.Exists(Path.Combine(folder, NodeList)) && File.Exists(Path.Combine(folder, DefaultPodList));
}
