using System.Collections.Immutable;
using Sim.Cluster.Gpu;
using Sim.Cluster.Objects;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.OpenGpuShare;
using Sim.Scheduling.Policies;
using static Sim.Cluster.Tests.Scheduling.Gpu.GpuTestObjects;
using OpenGpuSharePlugin = Sim.Scheduling.Plugins.OpenGpuShare.OpenGpuShare;

namespace Sim.Cluster.Tests.Scheduling.Plugins.OpenGpuShare;

public class OpenGpuShareTests
{
    // cpu: no GPU; t4: 2 idle T4; full: 8 G2 all taken whole; part: 8 G2, device 0 with 300 free, the rest taken.
    private static Snapshot Cluster() => Snapshot.Create(
        [GpuNode("cpu", 32_000, 0), GpuNode("t4", 32_000, 2, "T4"), GpuNode("full", 96_000, 8), GpuNode("part", 96_000, 8)],
        [
            GpuPod("f", 8000, 8, 1000).On("full", 0, 1, 2, 3, 4, 5, 6, 7),
            GpuPod("p0", 1000, 1, 700).On("part", 0),
            GpuPod("p1", 8000, 7, 1000).On("part", 1, 2, 3, 4, 5, 6, 7),
        ]);

    private static OpenGpuSharePlugin Plugin(Snapshot snapshot, string method = OpenGpuShareArgs.BestFit) =>
        new(new OpenGpuShareArgs { GpuSelMethod = method }, new FrameworkHandle(snapshot));

    private static Dictionary<string, string> Filter(OpenGpuSharePlugin plugin, Snapshot snapshot, Pod pod)
    {
        var state = new CycleState();
        var info = new PodInfo(pod);
        var pre = plugin.PreFilter(state, info, snapshot.NodeInfos, out _);
        Assert.That(pre.IsSuccess, Is.True, pre.Message);
        return snapshot.NodeInfos.ToDictionary(n => n.Name, n => plugin.Filter(state, info, n) is var s && s.IsSuccess ? "ok" : $"{s.Code}: {s.Message}", StringComparer.Ordinal);
    }

    [Test]
    public void PreFilter_skips_pods_without_gpus_and_refuses_invalid_requests()
    {
        var snapshot = Cluster();
        var plugin = Plugin(snapshot);
        var invalid = GpuPod("bad", 1000) with { Metadata = GpuPod("bad", 1000).Metadata with { Annotations = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add(GpuAnnotations.Milli, "2000").Add(GpuAnnotations.Count, "1") } };

        var cpuOnly = plugin.PreFilter(new CycleState(), new PodInfo(GpuPod("c", 1000)), snapshot.NodeInfos, out _);
        var bad = plugin.PreFilter(new CycleState(), new PodInfo(invalid), snapshot.NodeInfos, out _);

        Assert.That(cpuOnly.IsSkip, Is.True);
        Assert.That(bad.Code, Is.EqualTo(StatusCode.UnschedulableAndUnresolvable));
        Assert.That(bad.Message, Is.EqualTo("annotation alibabacloud.com/gpu-milli must be an integer from 1 to 1000, got \"2000\""));
    }

    [Test]
    public void Filter_rejects_nodes_without_gpus_of_another_model_or_without_room()
    {
        var snapshot = Cluster();
        var plugin = Plugin(snapshot);

        var share = Filter(plugin, snapshot, GpuPod("s", 1000, 1, 300, "G2"));
        var anyModel = Filter(plugin, snapshot, GpuPod("a", 1000, 1, 400));
        var two = Filter(plugin, snapshot, GpuPod("w", 1000, 2, 1000));

        Assert.Multiple(() =>
        {
            Assert.That(share, Is.EqualTo(new Dictionary<string, string>
            {
                ["cpu"] = "Unschedulable: node(s) had no GPU",
                ["t4"] = "Unschedulable: node(s) had no GPU of the pod's model",
                ["full"] = "Unschedulable: node(s) had no GPU devices free for the pod",
                ["part"] = "ok",
            }));
            Assert.That(anyModel["t4"], Is.EqualTo("ok"));
            Assert.That(anyModel["part"], Is.EqualTo("Unschedulable: node(s) had no GPU devices free for the pod"), "only 300 free on device 0");
            Assert.That(two.Where(n => n.Value == "ok").Select(n => n.Key), Is.EqualTo(new[] { "t4" }));
        });
    }

    [Test]
    public void Filter_allocates_nothing_per_node()
    {
        var snapshot = Cluster();
        var plugin = Plugin(snapshot);
        var state = new CycleState();
        var pod = new PodInfo(GpuPod("s", 1000, 1, 300, "G2"));
        plugin.PreFilter(state, pod, snapshot.NodeInfos, out _);
        var passed = 0;
        var nodes = snapshot.NodeInfos;

        var allocated = Helper.Allocations.Of(() =>
        {
            for (var i = 0; i < nodes.Count; i++)
            {
                passed += plugin.Filter(state, pod, nodes[i]).IsSuccess ? 1 : 0;
            }
        });

        Assert.That(allocated, Is.Zero);
        Assert.That(passed, Is.EqualTo(101));
    }

    private static IEnumerable<TestCaseData> Rules()
    {
        // Node "n": 4 G2 devices with 400, 1000, 700 and 1000 free.
        yield return new TestCaseData(OpenGpuShareArgs.BestFit, 1, 300, "0").SetName("best: the tightest device");
        yield return new TestCaseData(OpenGpuShareArgs.BestFit, 1, 500, "2").SetName("best: the tightest device with room");
        yield return new TestCaseData(OpenGpuShareArgs.WorstFit, 1, 300, "1").SetName("worst: the first of the roomiest devices");
        yield return new TestCaseData(OpenGpuShareArgs.Random, 1, 800, "1-or-3").SetName("random: one of the devices with room");
        yield return new TestCaseData(OpenGpuShareArgs.BestFit, 2, 1000, "1-3").SetName("whole GPUs: the lowest idle devices");
        yield return new TestCaseData(OpenGpuShareArgs.Random, 1, 1000, "1").SetName("one whole GPU: the lowest idle device");
    }

    [TestCaseSource(nameof(Rules))]
    public void Reserve_picks_devices_by_the_rule_and_the_snapshot_counts_them_at_once(string method, int count, int milli, string expected)
    {
        var snapshot = Snapshot.Create(
            [GpuNode("n", 64_000, 4)],
            [GpuPod("a", 1000, 1, 600).On("n", 0), GpuPod("b", 1000, 1, 300).On("n", 2)]);
        var plugin = Plugin(snapshot, method);
        var assumed = new PodInfo(GpuPod("p", 2000, count, milli).On("n"));
        Assert.That(snapshot.AddPod(assumed, "n"), Is.True);
        var state = new CycleState();

        var status = plugin.Reserve(state, assumed, "n");
        var annotated = snapshot.GetPod(assumed.Pod.Key)!.Pod;
        var index = annotated.Metadata.Annotations[GpuAnnotations.DeviceIndex];

        Assert.That(status.IsSuccess, Is.True, status.Message);
        Assert.That(expected == "1-or-3" ? index is "1" or "3" : index == expected, Is.True, index);
        Assert.That(new Sim.Scheduling.Gpu.GpuNodeStates().Get(snapshot.Get("n")!).TotalFreeMilli, Is.EqualTo(3100 - (count * milli)));

        plugin.Unreserve(state, assumed, "n");

        Assert.That(snapshot.GetPod(assumed.Pod.Key), Is.SameAs(assumed), "the plain assumed pod is back");
        Assert.That(assumed.Pod.Metadata.Annotations.ContainsKey(GpuAnnotations.DeviceIndex), Is.False);
    }

    [Test]
    public void Reserve_keeps_a_device_list_the_pod_brings_when_it_fits_and_fails_when_it_does_not()
    {
        var snapshot = Snapshot.Create([GpuNode("n", 64_000, 2)], [GpuPod("a", 1000, 1, 600).On("n", 0)]);
        var plugin = Plugin(snapshot);
        var fits = new PodInfo(GpuPod("p", 1000, 1, 400).On("n", 0));
        var overflows = new PodInfo(GpuPod("q", 1000, 1, 500).On("n", 0));

        var kept = plugin.Reserve(new CycleState(), fits, "n");
        var refused = plugin.Reserve(new CycleState(), overflows, "n");

        Assert.That(kept.IsSuccess, Is.True);
        Assert.That(refused.Code, Is.EqualTo(StatusCode.Error));
        Assert.That(refused.Message, Is.EqualTo("failed to allocate GPU devices to pod default/q on node \"n\""));
    }

    [Test]
    public void Reserve_leaves_pods_without_gpus_alone()
    {
        var snapshot = Snapshot.Create([GpuNode("n", 64_000, 2)]);
        var pod = new PodInfo(GpuPod("c", 1000).On("n"));
        snapshot.AddPod(pod, "n");

        Assert.That(Plugin(snapshot).Reserve(new CycleState(), pod, "n").IsSuccess, Is.True);
        Assert.That(snapshot.GetPod(pod.Pod.Key), Is.SameAs(pod));
    }

    [Test]
    public void A_selection_method_naming_no_device_selecting_plugin_is_an_error_at_reserve()
    {
        var snapshot = Snapshot.Create([GpuNode("n", 64_000, 2)]);
        var config = new ProfileConfig
        {
            Plugins = new PluginsConfig { Reserve = new PluginSet { Enabled = [new PluginRef(OpenGpuSharePlugin.PluginName)] } },
            PluginConfig = ImmutableDictionary.Create<string, object>(StringComparer.Ordinal).Add(OpenGpuSharePlugin.PluginName, new OpenGpuShareArgs { GpuSelMethod = "PrioritySort" }),
        };
        var profile = SchedulerProfile.Build(config, PolicyCatalogue.CreateRegistry(), new FrameworkHandle(snapshot));
        var pod = new PodInfo(GpuPod("p", 1000, 1, 500).On("n"));

        var status = profile.RunReservePlugins(new CycleState(), pod, "n");

        Assert.That(status.Code, Is.EqualTo(StatusCode.Error));
        Assert.That(status.Message, Is.EqualTo("gpuSelMethod \"PrioritySort\" is neither best, worst, random nor a GPU device-selecting plugin of the profile"));
    }

    [Test]
    public void Args_need_a_selection_method()
    {
        Assert.That(new OpenGpuShareArgs().Validate("args"), Is.Empty);
        Assert.That(new OpenGpuShareArgs { GpuSelMethod = string.Empty }.Validate("args"), Is.EqualTo(new[] { "args.gpuSelMethod: Required value: best, worst, random or the name of a GPU device-selecting plugin" }));
        Assert.That(() => new OpenGpuSharePlugin(new OpenGpuShareArgs { GpuSelMethod = string.Empty }, new FrameworkHandle(new Snapshot())), Throws.TypeOf<SchedulerConfigException>());
    }
}
