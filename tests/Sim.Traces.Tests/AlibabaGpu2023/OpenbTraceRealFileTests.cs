using Sim.Traces.AlibabaGpu2023;

namespace Sim.Traces.Tests.AlibabaGpu2023;

/// <summary>The real openb files agree with the facts their README states about them.</summary>
public sealed class OpenbTraceRealFileTests
{
    [Test]
    public void Reads_the_gpu_node_list_the_paper_simulates()
    {
        var nodes = OpenbTrace.ReadNodes(TraceData.File("alibaba-gpu-2023/openb_node_list_gpu_node.csv")).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(nodes, Has.Count.EqualTo(1_213));
            Assert.That(nodes.Sum(n => n.GpuCount), Is.EqualTo(6_212));
            Assert.That(nodes.Sum(n => n.MilliCpu), Is.EqualTo(107_018_000));
            Assert.That(nodes.Sum(n => n.MemoryMiB), Is.EqualTo(503_828_480));
            Assert.That(nodes.Count(n => n is { GpuModel: "G2", GpuCount: 8, MilliCpu: 96_000, MemoryMiB: 384 * 1024 }), Is.EqualTo(549));
            Assert.That(nodes.Count(n => n is { GpuModel: "T4", GpuCount: 2, MilliCpu: 104_000, MemoryMiB: 512 * 1024 }), Is.EqualTo(387));
            Assert.That(nodes[0], Is.EqualTo(new OpenbNode("openb-node-0000", 64_000, 262_144, 2, "P100")));
            Assert.That(nodes[0].MemoryBytes, Is.EqualTo(262_144L << 20));
        });
    }

    [Test]
    public void Reads_cpu_only_nodes_without_a_gpu_model()
    {
        var nodes = OpenbTrace.ReadNodes(TraceData.File("alibaba-gpu-2023/openb_node_list_all_node.csv")).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(nodes, Has.Count.EqualTo(1_523));
            Assert.That(nodes.Count(n => n.GpuCount == 0), Is.EqualTo(310));
            Assert.That(nodes.Where(n => n.GpuCount == 0).Select(n => n.GpuModel), Is.All.Null);
        });
    }

    private static readonly object[] PodLists =
    [
        // file, pods, total GPU request / 6,212 GPUs, CPU-only, GPU-share, multi-GPU, with gpu_spec (README table)
        new object[] { "default", 8_152, 0.980, 1_088, 3_078, 75, 0 },
        new object[] { "cpu050", 7_439, 0.980, 375, 3_078, 75, 0 },
        new object[] { "cpu250", 9_420, 0.980, 2_356, 3_078, 75, 0 },
        new object[] { "gpushare40", 8_152, 0.908, 1_088, 4_001, 62, 0 },
        new object[] { "gpushare100", 8_152, 0.636, 1_088, 7_064, 0, 0 },
        new object[] { "gpuspec33", 8_152, 0.980, 1_088, 3_078, 75, 2_388 },
        new object[] { "multigpu50", 9_061, 1.829, 1_088, 3_078, 984, 0 },
    ];

    [TestCaseSource(nameof(PodLists))]
    public void Reads_each_pod_list_as_its_readme_counts_it(string name, int pods, double gpuShare, int cpuOnly, int sharing, int multiGpu, int withSpec)
    {
        var list = OpenbTrace.ReadPods(TraceData.File($"alibaba-gpu-2023/openb_pod_list_{name}.csv")).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(list, Has.Count.EqualTo(pods));
            Assert.That(list.Sum(p => p.TotalGpuMilli) / 1000.0 / 6_212, Is.EqualTo(gpuShare).Within(0.0005));
            Assert.That(list.Count(p => p.GpuCount == 0), Is.EqualTo(cpuOnly));
            Assert.That(list.Count(p => p.SharesGpu), Is.EqualTo(sharing));
            Assert.That(list.Count(p => p.GpuCount > 1), Is.EqualTo(multiGpu));
            Assert.That(list.Count(p => !p.GpuSpec.IsEmpty), Is.EqualTo(withSpec));
        });
    }

    [Test]
    public void Reads_qos_phase_and_times_and_leaves_the_scheduled_time_of_pending_pods_empty()
    {
        var pods = OpenbTrace.ReadPods(TraceData.File("alibaba-gpu-2023/openb_pod_list_default.csv")).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(pods[1], Is.EqualTo(pods[1] with
            {
                Name = "openb-pod-0001",
                MilliCpu = 6_000,
                MemoryMiB = 12_288,
                GpuCount = 1,
                GpuMilli = 460,
                Qos = OpenbQos.LatencySensitive,
                Phase = OpenbPodPhase.Running,
                CreationTime = TimeSpan.FromSeconds(427_061),
                DeletionTime = TimeSpan.FromSeconds(12_902_960),
                ScheduledTime = TimeSpan.FromSeconds(427_061),
            }));
            Assert.That(pods[1].GpuSpec, Is.Empty);
            Assert.That(pods.Where(p => p.Phase == OpenbPodPhase.Pending).Select(p => p.ScheduledTime), Is.All.Null);
            Assert.That(pods.Where(p => p.Phase != OpenbPodPhase.Pending).Select(p => p.ScheduledTime), Is.All.Not.Null);
            var byGpus = pods.GroupBy(p => p.GpuCount).ToDictionary(g => g.Key, g => g.Count());
            Assert.That(byGpus, Is.EquivalentTo(new Dictionary<int, int> { [1] = 6_989, [0] = 1_088, [8] = 44, [2] = 16, [4] = 15 }));
        });
    }

    [Test]
    public void Splits_gpu_specs_into_models()
    {
        var pods = OpenbTrace.ReadPods(TraceData.File("alibaba-gpu-2023/openb_pod_list_gpuspec33.csv")).ToList();

        Assert.That(pods.Where(p => p.GpuSpec.Length == 2).Select(p => string.Join('|', p.GpuSpec)), Contains.Item("V100M16|V100M32"));
    }

    [Test]
    public void Leaves_the_columns_a_multigpu_list_lacks_null()
    {
        var pods = OpenbTrace.ReadPods(TraceData.File("alibaba-gpu-2023/openb_pod_list_multigpu50.csv")).ToList();

        Assert.That(pods.Select(p => (p.Qos, p.Phase, p.CreationTime, p.DeletionTime, p.ScheduledTime)), Is.All.EqualTo(((OpenbQos?)null, (OpenbPodPhase?)null, (TimeSpan?)null, (TimeSpan?)null, (TimeSpan?)null)));
    }
}
