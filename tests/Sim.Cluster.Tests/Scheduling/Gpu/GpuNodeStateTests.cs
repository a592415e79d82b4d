using Sim.Cluster.Gpu;
using Sim.Scheduling;
using Sim.Scheduling.Gpu;
using static Sim.Cluster.Tests.Scheduling.Gpu.GpuTestObjects;

namespace Sim.Cluster.Tests.Scheduling.Gpu;

public class GpuNodeStateTests
{
    [Test]
    public void Devices_lose_what_their_pods_take_and_pods_are_counted_by_class()
    {
        var snapshot = Snapshot.Create(
            [GpuNode("n", 96_000, 8)],
            [
                GpuPod("a", 4000, 1, 500).On("n", 2),
                GpuPod("b", 2000, 1, 300).On("n", 2),
                GpuPod("c", 16_000, 2, 1000).On("n", 0, 1),
                GpuPod("d", 8000).On("n"),
                GpuPod("e", 1000, 1, 250).On("n"),
            ]);

        var state = new GpuNodeStates().Get(snapshot.Get("n")!);

        Assert.Multiple(() =>
        {
            // e has no device list: the tightest device that holds 250 is 3 (device 2 has 200 left).
            Assert.That(state.FreeMilli.ToArray(), Is.EqualTo(new[] { 0, 0, 200, 750, 1000, 1000, 1000, 1000 }));
            Assert.That(state.TotalFreeMilli, Is.EqualTo(4950));
            Assert.That(state.FullyFreeDevices, Is.EqualTo(4));
            Assert.That(state.MilliCpuLeft, Is.EqualTo(96_000 - 4000 - 2000 - 16_000 - 8000 - 1000));
            Assert.That(state.MilliCpuCapacity, Is.EqualTo(96_000));
            Assert.That(state.Model, Is.EqualTo("G2"));
            Assert.That(state.DeviceCount, Is.EqualTo(8));
            Assert.That(state.PodsOfClass(GpuClass.Share), Is.EqualTo(3));
            Assert.That(state.PodsOfClass(GpuClass.Of(new GpuRequest(2, 1000, string.Empty))), Is.EqualTo(1));
            Assert.That(state.PodsOfClass(GpuClass.Of(new GpuRequest(1, 1000, string.Empty))), Is.Zero);
            Assert.That(state.DistinctClasses, Is.EqualTo(2));
        });
    }

    [Test]
    public void The_cache_follows_the_node_and_a_state_can_leave_one_pod_out()
    {
        var snapshot = Snapshot.Create([GpuNode("n", 32_000, 2)], [GpuPod("a", 4000, 1, 600).On("n", 1)]);
        var states = new GpuNodeStates();
        var node = snapshot.Get("n")!;
        var before = states.Get(node).FreeMilli.ToArray();

        snapshot.AddPod(new PodInfo(GpuPod("b", 2000, 1, 1000).On("n", 0)), "n");
        var after = states.Get(node);
        var withoutB = GpuNodeState.Of(node, GpuPod("b", 2000).Key);

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo(new[] { 1000, 400 }));
            Assert.That(after.FreeMilli.ToArray(), Is.EqualTo(new[] { 0, 400 }));
            Assert.That(after.MilliCpuLeft, Is.EqualTo(26_000));
            Assert.That(ReferenceEquals(after, states.Get(node)), Is.True, "an unchanged node is not recomputed");
            Assert.That(withoutB.FreeMilli.ToArray(), Is.EqualTo(new[] { 1000, 400 }));
            Assert.That(withoutB.MilliCpuLeft, Is.EqualTo(28_000));
        });
    }

    [Test]
    public void A_node_without_gpus_has_no_devices_and_gpu_pods_there_take_nothing()
    {
        var snapshot = Snapshot.Create([GpuNode("cpu", 8000, 0)], [GpuPod("a", 1000, 1, 500).On("cpu", 0)]);

        var state = new GpuNodeStates().Get(snapshot.Get("cpu")!);

        Assert.That(state.DeviceCount, Is.Zero);
        Assert.That(state.TotalFreeMilli, Is.Zero);
        Assert.That(state.Model, Is.Empty);
        Assert.That(state.MilliCpuLeft, Is.EqualTo(7000));
    }

    [Test]
    public void Class_names_are_upstreams()
    {
        Assert.That(
            new[] { GpuRequest.None, new GpuRequest(1, 500, string.Empty), new GpuRequest(1, 1000, string.Empty), new GpuRequest(8, 1000, string.Empty) }
                .Select(r => GpuClass.Name(GpuClass.Of(r))),
            Is.EqualTo(new[] { "no-gpu", "share-gpu", "1-gpu", "8-gpu" }));
    }
}
