using System.Diagnostics;
using Sim.Experiments.Fill;
using Sim.Scheduling.Policies;

namespace Sim.Experiments.Tests.Fill;

/// <summary>The fill experiment on the real openb cluster and default pod list (skipped when the data is absent).</summary>
public class OpenbFillTests
{
    internal static (List<Sim.Cluster.Objects.Node> Nodes, List<Sim.Cluster.Objects.Pod> Pods) Load()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sim.sln")))
        {
            directory = directory.Parent;
        }

        var data = directory?.Parent is { } parent ? Path.Combine(parent.FullName, "shared", "data", "alibaba-gpu-2023") : string.Empty;
        var nodes = Path.Combine(data, "openb_node_list_gpu_node.csv");
        var pods = Path.Combine(data, "openb_pod_list_default.csv");
        if (!File.Exists(nodes) || !File.Exists(pods))
        {
            Assert.Ignore("the openb trace is not in ../shared/data/alibaba-gpu-2023");
        }

        return OpenbCluster.Read(nodes, pods);
    }

    [Test]
    public void Openb_rows_become_gpu_nodes_and_pods()
    {
        var node = OpenbCluster.ToNode(new Sim.Traces.AlibabaGpu2023.OpenbNode("openb-node-0001", 96_000, 393_216, 8, "G2"));
        var cpuNode = OpenbCluster.ToNode(new Sim.Traces.AlibabaGpu2023.OpenbNode("openb-node-9999", 64_000, 262_144, 0, null));
        var pod = OpenbCluster.ToPod(new Sim.Traces.AlibabaGpu2023.OpenbPod("openb-pod-0001", 6000, 12_288, 1, 460, ["V100M16", "V100M32"], null, null, null, null, null));

        Assert.Multiple(() =>
        {
            Assert.That(Sim.Cluster.Gpu.GpuNode.DeviceCount(node), Is.EqualTo(8));
            Assert.That(Sim.Cluster.Gpu.GpuNode.Model(node), Is.EqualTo("G2"));
            Assert.That(node.Status.Allocatable.MilliCpu, Is.EqualTo(96_000));
            Assert.That(node.Status.Allocatable.Memory, Is.EqualTo(393_216L << 20));
            Assert.That(node.Status.Allocatable.Pods, Is.EqualTo(1001));
            Assert.That(Sim.Cluster.Gpu.GpuNode.DeviceCount(cpuNode), Is.Zero);
            Assert.That(Sim.Cluster.Gpu.GpuRequest.Of(pod), Is.EqualTo(new Sim.Cluster.Gpu.GpuRequest(1, 460, "V100M16|V100M32")));
            Assert.That(pod.Spec.Requests().MilliCpu, Is.EqualTo(6000));
            Assert.That(pod.Spec.Requests().Memory, Is.EqualTo(12_288L << 20));
        });
    }

    [Test]
    public void Fgd_fills_the_openb_cluster_from_the_default_trace()
    {
        var (nodes, pods) = Load();
        Assert.That(PolicyCatalogue.TryGet("fgd", out var policy), Is.True);

        var clock = Stopwatch.StartNew();
        var result = FillExperiment.Run(nodes, pods, policy!, new FillOptions { Seed = 42, TieBreaking = FillTieBreaking.FirstInSearchOrder });
        clock.Stop();

        var full = result.At(100)!;
        TestContext.Out.WriteLine(
            $"fgd seed 42, ties to the first node: {result.Arrivals.Length} arrivals in {clock.Elapsed.TotalSeconds:0.00} s; at arrived 100 %: unallocated {full.UnallocatedPct:0.00} %, "
            + $"fragmented {full.FragmentedPct:0.00} %, failed {full.FailedPods:0.0}; empty cluster fragmented {100 * result.InitialFragmentedGpuMilli / result.CapacityGpuMilli:0.000} %; final: failed {result.Final!.FailedPods}, arrived {100.0 * result.Final.ArrivedGpuMilli / result.CapacityGpuMilli:0.00} %");

        Assert.Multiple(() =>
        {
            Assert.That(nodes, Has.Count.EqualTo(1213));
            Assert.That(pods, Has.Count.EqualTo(8152));
            Assert.That(result.CapacityGpuMilli, Is.EqualTo(6_212_000));
            Assert.That(result.TypicalPods, Has.Length.EqualTo(35), "35 of 91 shapes cover 95 % (fgd-method.md §5)");
            Assert.That(result.TypicalPods.Sum(t => t.Probability), Is.EqualTo(1).Within(1e-9));
            Assert.That(result.Arrivals.Take(pods.Count).Select(a => a.Pod), Is.EquivalentTo(pods.Select(p => p.Metadata.Name)));
            Assert.That((double)result.Final.ArrivedGpuMilli / result.CapacityGpuMilli, Is.InRange(1.29, 1.31));
            Assert.That(result.Buckets.Select(b => b.ArrivedPct), Is.EqualTo(Enumerable.Range(0, 131)).Or.EqualTo(Enumerable.Range(1, 130)));
            // The FGD simulator's published runs of this trace (seeds 42–51) leave 4.6–4.9 % unallocated at 100 % arrived,
            // and start from 13.9–14.0 % fragmented (experiments/analysis/expected_results in its repository).
            Assert.That(full.UnallocatedPct, Is.InRange(3.5, 6.5));
            Assert.That(100 * result.InitialFragmentedGpuMilli / result.CapacityGpuMilli, Is.InRange(13.9, 14.0));
            Assert.That(result.Final.FailedPods, Is.Positive, "at 130 % arrived, pods fail");
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)));
        });
    }
}
