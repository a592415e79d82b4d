using Sim.Cluster.Gpu;
using Sim.Scheduling;
using static Sim.Cluster.Tests.Scheduling.Gpu.GpuPluginRuns;
using static Sim.Cluster.Tests.Scheduling.Gpu.GpuTestObjects;
using GpuPackingPlugin = Sim.Scheduling.Plugins.GpuPacking.GpuPacking;

namespace Sim.Cluster.Tests.Scheduling.Plugins.GpuPacking;

/// <summary>GpuPacking's three cases, by hand from fgd-method.md §4 and the simulator's <c>getPackingScore</c>.</summary>
public class GpuPackingTests
{
    private static GpuRequest Share(int milli) => new(1, milli, string.Empty);

    private static GpuRequest Whole(int count) => new(count, 1000, string.Empty);

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(new[] { 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000 }, Share(500), 25L).SetName("an idle 8-GPU node: max(33 - 8, 8)");
        yield return new TestCaseData(new[] { 1000, 1000 }, Whole(1), 31L).SetName("an idle 2-GPU node: max(33 - 2, 2)");
        yield return new TestCaseData(new[] { 1000, 1000, 400, 1000 }, Whole(1), 49L).SetName("one idle GPU of a used node: max(50 - 1, 33)");
        yield return new TestCaseData(new[] { 1000, 1000, 400, 1000 }, Whole(2), 48L).SetName("two idle GPUs of a used node: max(50 - 2, 33)");
        yield return new TestCaseData(new[] { 1000, 1000, 400, 1000 }, Share(300), 96L).SetName("a share on the used GPU with 400 free: 100 - 40/10");
        yield return new TestCaseData(new[] { 1000, 1000, 400, 1000 }, Share(500), 49L).SetName("a share too big for the used GPU takes an idle one");
        yield return new TestCaseData(new[] { 150, 730 }, Share(100), 99L).SetName("the tightest used GPU: 100 - 15/10");
        yield return new TestCaseData(new[] { 150, 730 }, Share(200), 93L).SetName("the next used GPU: 100 - 73/10");
        yield return new TestCaseData(new[] { 0, 30 }, Share(10), 100L).SetName("almost full: 100 - 3/10");
        yield return new TestCaseData(new[] { 150, 730 }, Share(800), 0L).SetName("no device fits");
        yield return new TestCaseData(new[] { 1000, 500 }, GpuRequest.None, 0L).SetName("a CPU-only pod");
    }

    [TestCaseSource(nameof(Cases))]
    public void Packing_scores(int[] free, GpuRequest request, long score)
    {
        Assert.That(GpuPackingPlugin.ScoreOf(free, request), Is.EqualTo(score));
    }

    [Test]
    public void The_plugin_reads_the_devices_of_each_node()
    {
        var snapshot = Snapshot.Create(
            [GpuNode("idle", 64_000, 4), GpuNode("used", 64_000, 4)],
            [GpuPod("a", 1000, 1, 600).On("used", 2)]);

        var scores = Raw(new GpuPackingPlugin(), snapshot, new PodInfo(GpuPod("p", 1000, 1, 300)));

        Assert.That(scores, Is.EqualTo(new Dictionary<string, long> { ["idle"] = 29, ["used"] = 96 }));
        Assert.That(ScoreAllocations(new GpuPackingPlugin(), snapshot, new PodInfo(GpuPod("p", 1000, 1, 300))), Is.Zero);
    }
}
