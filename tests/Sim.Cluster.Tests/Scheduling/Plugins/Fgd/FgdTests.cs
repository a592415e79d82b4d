using System.Collections.Immutable;
using Sim.Cluster.Gpu;
using Sim.Scheduling;
using Sim.Scheduling.Gpu;
using Sim.Scheduling.Plugins.Fgd;
using Sim.Scheduling.Plugins.OpenGpuShare;
using Sim.Scheduling.Policies;
using static Sim.Cluster.Tests.Scheduling.Gpu.GpuPluginRuns;
using static Sim.Cluster.Tests.Scheduling.Gpu.GpuTestObjects;
using FgdPlugin = Sim.Scheduling.Plugins.Fgd.Fgd;
using OpenGpuSharePlugin = Sim.Scheduling.Plugins.OpenGpuShare.OpenGpuShare;

namespace Sim.Cluster.Tests.Scheduling.Plugins.Fgd;

/// <summary>
/// FGD's scores ⌊100 × sigmoid((F_n(M) − F_n'(M)) / 1000)⌋, by hand, against M = {a 500 share, one whole
/// GPU}, each with 1 core and probability 0.5. sigmoid(−0.25) = 0.4378, sigmoid(0.25) = 0.5622, sigmoid(−0.5) = 0.3775.
/// </summary>
public class FgdTests
{
    private static readonly ImmutableArray<TypicalPod> Workload =
        [new(1000, 500, 1, string.Empty, 0.5), new(1000, 1000, 1, string.Empty, 0.5)];

    // idle: [1000, 1000], F = 0. half: [500, 1000] (a 500 share on 0), F = 0.5 × 500 = 250 (too small for a whole GPU).
    // third: [300, 1000] (a 700 share on 0), F = 0.5 × 300 + 0.5 × 300 = 300. small: 2 cores, one idle GPU, F = 0.
    private static Snapshot Cluster() => Snapshot.Create(
        [GpuNode("idle", 32_000, 2), GpuNode("half", 32_000, 2), GpuNode("third", 32_000, 2), GpuNode("small", 2000, 1)],
        [GpuPod("h", 1000, 1, 500).On("half", 0), GpuPod("t", 1000, 1, 700).On("third", 0)]);

    private static FgdPlugin Plugin() => new(new FgdArgs { TypicalPods = Workload });

    [Test]
    public void A_share_scores_by_the_fragmentation_its_best_device_adds()
    {
        var scores = Raw(Plugin(), Cluster(), new PodInfo(GpuPod("p", 1500, 1, 500)));

        Assert.Multiple(() =>
        {
            // idle → [500, 1000]: F' = 250, sigmoid(−0.25) → 43.
            Assert.That(scores["idle"], Is.EqualTo(43));
            // half → [0, 1000]: F' = 0, sigmoid(0.25) → 56 (device 1 would give [500, 500], F' = 0.5 × 1000, 43).
            Assert.That(scores["half"], Is.EqualTo(56));
            // third → [300, 500] (only device 1 has room): F' = 0.5 × 300 + 0.5 × 800 = 550, sigmoid(−0.25) → 43.
            Assert.That(scores["third"], Is.EqualTo(43));
            // small → 500 cores left, [500]: both tasks lack CPU, F' = 500, sigmoid(−0.5) → 37.
            Assert.That(scores["small"], Is.EqualTo(37));
        });
    }

    [Test]
    public void Whole_gpus_and_cpu_only_pods_score_the_one_placement_and_a_pod_asking_nothing_scores_100()
    {
        var snapshot = Cluster();
        var whole = Raw(Plugin(), snapshot, new PodInfo(GpuPod("w", 1000, 1, 1000)));
        var cpu = Raw(Plugin(), snapshot, new PodInfo(GpuPod("c", 1000)));
        var nothing = Raw(Plugin(), snapshot, new PodInfo(GpuPod("n", 0) with { Spec = new Sim.Cluster.Objects.PodSpec { Containers = [new Container("c", Sim.Cluster.Resources.ResourceList.Empty)] } }));

        Assert.Multiple(() =>
        {
            // half → [500, 0]: F' = 0.5 × 500 (no device for a whole GPU) = 250 = F, sigmoid(0) → 50.
            Assert.That(whole["half"], Is.EqualTo(50));
            // idle → [0, 1000]: F' = 0, 50. small → [0] with 1 core left: F' = 0, 50.
            Assert.That(whole["idle"], Is.EqualTo(50));
            Assert.That(whole["small"], Is.EqualTo(50));
            // third → [300, 0]: F' = 0.5 × 300 + 0.5 × 300 = 300 = F, 50.
            Assert.That(whole["third"], Is.EqualTo(50));
            // A CPU-only pod changes only the CPU: small → 1 core left, both tasks still fit: F' = F = 0.
            Assert.That(cpu.Values, Is.All.EqualTo(50L));
            Assert.That(nothing.Values, Is.All.EqualTo(100L));
        });
    }

    [Test]
    public void Cpu_taken_by_a_cpu_only_pod_can_strand_the_gpus()
    {
        var scores = Raw(Plugin(), Cluster(), new PodInfo(GpuPod("c", 1500)));

        // small → 500 cores left, [1000]: both tasks lack CPU, F' = 1000, sigmoid(−1) = 0.2689 → 26.
        Assert.That(scores["small"], Is.EqualTo(26));
    }

    [Test]
    public void OpenGpuShare_takes_the_device_fgd_chose()
    {
        var snapshot = Cluster();
        var config = new ProfileConfig
        {
            Plugins = new PluginsConfig
            {
                Score = new PluginSet { Enabled = [new PluginRef(FgdPlugin.PluginName)], Disabled = ["*"] },
                Reserve = new PluginSet { Enabled = [new PluginRef(OpenGpuSharePlugin.PluginName)] },
            },
            PluginConfig = ImmutableDictionary.Create<string, object>(StringComparer.Ordinal)
                .Add(FgdPlugin.PluginName, new FgdArgs { TypicalPods = Workload })
                .Add(OpenGpuSharePlugin.PluginName, new OpenGpuShareArgs { GpuSelMethod = FgdPlugin.PluginName }),
        };
        var profile = SchedulerProfile.Build(config, PolicyCatalogue.CreateRegistry(), new FrameworkHandle(snapshot));

        string Reserve(string node)
        {
            var assumed = new PodInfo(GpuPod($"p-{node}", 1000, 1, 500).On(node));
            snapshot.AddPod(assumed, node);
            Assert.That(profile.RunReservePlugins(new CycleState(), assumed, node).IsSuccess, Is.True);
            return snapshot.GetPod(assumed.Pod.Key)!.Pod.Metadata.Annotations[GpuAnnotations.DeviceIndex];
        }

        Assert.That(Reserve("half"), Is.EqualTo("0"), "device 0 leaves [0, 1000]; device 1 would leave [500, 500]");
        Assert.That(Reserve("third"), Is.EqualTo("1"));
        Assert.That(Reserve("idle"), Is.EqualTo("0"), "equal devices: the lowest index");
    }

    [Test]
    public void Without_typical_pods_it_learns_them_from_the_pods_it_scores_once_each()
    {
        var snapshot = Cluster();
        var plugin = new FgdPlugin(new FgdArgs());
        var share = new PodInfo(GpuPod("s1", 1000, 1, 500));

        Raw(plugin, snapshot, share);
        Raw(plugin, snapshot, share);
        Raw(plugin, snapshot, new PodInfo(GpuPod("s2", 1000, 1, 500)));
        Raw(plugin, snapshot, new PodInfo(GpuPod("w", 1000, 1, 1000)));

        Assert.That(plugin.Workload, Is.EqualTo(new[]
        {
            new TypicalPod(1000, 500, 1, string.Empty, 2.0 / 3),
            new TypicalPod(1000, 1000, 1, string.Empty, 1.0 / 3),
        }));
    }

    [Test]
    public void Args_are_validated()
    {
        Assert.That(new FgdArgs { TypicalPods = Workload }.Validate(string.Empty), Is.Empty);
        Assert.That(
            new FgdArgs { TypicalPods = [new(-1, 1200, -2, string.Empty, 1.5)] }.Validate("args"),
            Is.EqualTo(new[]
            {
                "args.typicalPods[0].probability: Invalid value: 1.5: must be in 0..1",
                "args.typicalPods[0].milliGpu: Invalid value: 1200: must be in 0..1000",
                "args.typicalPods[0].milliCpu: Invalid value: -1: must not be negative",
                "args.typicalPods[0].gpuNumber: Invalid value: -2: must not be negative",
            }));
        Assert.That(
            new FgdArgs { TypicalPods = [new(1, 0, 0, string.Empty, 0.5)] }.Validate(string.Empty),
            Is.EqualTo(new[] { "typicalPods: Invalid value: the probabilities add up to 0.5, not 1" }));
    }

    [Test]
    public void Score_allocates_nothing_per_node()
    {
        Assert.That(ScoreAllocations(Plugin(), Cluster(), new PodInfo(GpuPod("p", 1500, 1, 500))), Is.Zero);
    }
}
