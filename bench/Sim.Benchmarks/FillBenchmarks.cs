using BenchmarkDotNet.Attributes;
using Sim.Cluster.Objects;
using Sim.Experiments.Fill;
using Sim.Scheduling.Policies;

namespace Sim.Benchmarks;

/// <summary>
/// One run of the FGD paper's "fill the cluster" experiment (<see cref="FillExperiment"/>) on the openb
/// trace: the 1,213 GPU nodes and the default pod list, shuffled and inflated to 130 % of the GPU
/// capacity (about 10,600 arrivals), each pod scheduled through the policy's full cycle over every node,
/// seed 42, uniform tie-breaking (the defaults of <see cref="FillOptions"/>). One operation is one run; the
/// trace is read once in global setup. Without the trace (it is not in the repository, see
/// <see cref="OpenbData"/>) the class has no cases and nothing runs.
/// </summary>
[MemoryDiagnoser]
public class FillBenchmarks
{
    private List<Node> _nodes = [];
    private List<Pod> _pods = [];
    private Policy _policy = null!;

    /// <summary>The GPU policies of the FGD paper, or none when the trace is absent.</summary>
    public static IEnumerable<string> Policies()
    {
        if (OpenbData.Folder() is null)
        {
            Console.WriteLine("FillBenchmarks: the openb trace is not in ../shared/data/alibaba-gpu-2023 (or SIM_OPENB_DATA); skipped.");
            return [];
        }

        return FillGrid.GpuPolicies;
    }

    /// <summary>The policy of the run.</summary>
    [ParamsSource(nameof(Policies))]
    public string Policy { get; set; } = "fgd";

    [GlobalSetup]
    public void ReadTheTrace()
    {
        (_nodes, _pods) = OpenbData.ReadDefault();
        _policy = PolicyCatalogue.TryGet(Policy, out var policy) ? policy : throw new InvalidOperationException($"no policy {Policy}");
    }

    [Benchmark]
    public int Run()
    {
        var result = FillExperiment.Run(_nodes, _pods, _policy, new FillOptions { Seed = 42 });
        return result.Final!.FailedPods;
    }
}
