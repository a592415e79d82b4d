using Sim.Engine.Randomness;
using Sim.Scheduling;

namespace Sim.Cluster.Tests.Scheduling;

/// <summary>
/// Node sampling as kube-scheduler's <c>numFeasibleNodesToFind</c> and the rotating start index
/// (<c>pkg/scheduler/schedule_one.go</c>; cases from <c>schedule_one_test.go</c> TestNumFeasibleNodesToFind).
/// </summary>
public class NodeSamplingTests
{
    private static IEnumerable<TestCaseData> UpstreamCases()
    {
        yield return new TestCaseData(0, 10, 10).SetName("not set percentageOfNodesToScore and nodes number not more than 50");
        yield return new TestCaseData(40, 10, 10).SetName("set percentageOfNodesToScore and nodes number not more than 50");
        yield return new TestCaseData(0, 1000, 420).SetName("not set percentageOfNodesToScore and nodes number more than 50");
        yield return new TestCaseData(40, 1000, 400).SetName("set percentageOfNodesToScore and nodes number more than 50");
        yield return new TestCaseData(0, 6000, 300).SetName("not set percentageOfNodesToScore and nodes number more than 50*125");
        yield return new TestCaseData(40, 6000, 2400).SetName("set percentageOfNodesToScore and nodes number more than 50*125");
    }

    [TestCaseSource(nameof(UpstreamCases))]
    public void NumFeasibleNodesToFind(int percentage, int nodes, int expected) =>
        Assert.That(SchedulingAlgorithm.NumFeasibleNodesToFind(percentage, nodes), Is.EqualTo(expected));

    [TestCase(100, 100)]
    [TestCase(1_000, 420)]
    [TestCase(5_000, 500)]
    [TestCase(15_000, 750)]
    public void The_adaptive_default_searches_this_many_nodes(int nodes, int expected) =>
        Assert.That(SchedulingAlgorithm.NumFeasibleNodesToFind(0, nodes), Is.EqualTo(expected));

    [TestCase(100, 100)]
    [TestCase(1_000, 420)]
    [TestCase(5_000, 500)]
    [TestCase(15_000, 750)]
    public void A_cycle_filters_exactly_that_many_feasible_nodes_and_the_next_starts_after_them(int nodeCount, int expected)
    {
        var counter = new TestPlugins.FilterCounter();
        var snapshot = Snapshot.Create(Enumerable.Range(0, nodeCount).Select(i => St.MakeNode().Name($"n{i:D5}").Capacity(("cpu", "4"), ("pods", "110")).Obj()));
        var handle = new FrameworkHandle(snapshot);
        var profile = SchedulerProfile.Build(
            TestPlugins.Profile("p", new("PrioritySort"), new(TestPlugins.FilterCounter.PluginName), new(TestPlugins.FlatScore.PluginName), new("DefaultBinder")),
            TestPlugins.Registry(counter),
            handle);
        var algorithm = new SchedulingAlgorithm(new RandomStreams(1).For("test"));
        var pod = St.MakePod().Name("p").Req(("cpu", "100m")).Info();

        var first = algorithm.Schedule(profile, new CycleState(), pod, snapshot);
        Assert.That(counter.Calls, Is.EqualTo(expected));
        Assert.That(first.FeasibleNodes, Is.EqualTo(expected));
        Assert.That(algorithm.NextStartNodeIndex, Is.EqualTo(expected % nodeCount));

        counter.Seen.Clear();
        algorithm.Schedule(profile, new CycleState(), pod, snapshot);
        Assert.That(counter.Seen[0], Is.EqualTo(snapshot.NodeInfos[expected % nodeCount].Name), "the second pod's search starts where the first stopped");
    }

    [Test]
    public void Rejected_nodes_count_as_processed_when_the_start_index_moves()
    {
        // 200 nodes, the first 10 too small: the search finds 100 feasible after 110 nodes.
        var nodes = Enumerable.Range(0, 200).Select(i => St.MakeNode().Name($"n{i:D3}").Capacity(("cpu", i < 10 ? "100m" : "4"), ("pods", "110")).Obj());
        var snapshot = Snapshot.Create(nodes);
        var profile = SchedulerProfile.Build(TestPlugins.Minimal(), TestPlugins.Registry(), new FrameworkHandle(snapshot));
        var algorithm = new SchedulingAlgorithm(new RandomStreams(1).For("test"));

        var result = algorithm.Schedule(profile, new CycleState(), St.MakePod().Name("p").Req(("cpu", "1")).Info(), snapshot);

        Assert.That(SchedulingAlgorithm.NumFeasibleNodesToFind(0, 200), Is.EqualTo(100));
        Assert.That(result.FeasibleNodes, Is.EqualTo(100));
        Assert.That(result.Diagnosis.Count, Is.EqualTo(10));
        Assert.That(algorithm.NextStartNodeIndex, Is.EqualTo(110));
    }

    [Test]
    public void A_single_feasible_node_is_chosen_without_scoring()
    {
        var snapshot = Snapshot.Create(
        [
            St.MakeNode().Name("small").Capacity(("cpu", "1")).Obj(),
            St.MakeNode().Name("big").Capacity(("cpu", "8")).Obj(),
        ]);
        var profile = SchedulerProfile.Build(TestPlugins.Minimal(), TestPlugins.Registry(), new FrameworkHandle(snapshot));

        var result = new SchedulingAlgorithm(new RandomStreams(1).For("test")).Schedule(profile, new CycleState(), St.MakePod().Name("p").Req(("cpu", "2")).Info(), snapshot);

        Assert.That(result.SuggestedHost, Is.EqualTo("big"));
        Assert.That(result.FeasibleNodes, Is.EqualTo(1));
        Assert.That(result.EvaluatedNodes, Is.EqualTo(2));
    }

    [Test]
    public void Ties_are_broken_uniformly_by_the_seeded_stream()
    {
        var snapshot = Snapshot.Create(Enumerable.Range(0, 4).Select(i => St.MakeNode().Name($"n{i}").Capacity(("cpu", "4")).Obj()));
        var profile = SchedulerProfile.Build(
            TestPlugins.Profile("p", new("PrioritySort"), new(TestPlugins.FlatScore.PluginName), new("DefaultBinder")),
            TestPlugins.Registry(),
            new FrameworkHandle(snapshot));
        var pod = St.MakePod().Name("p").Info();

        static Dictionary<string, int> Counts(SchedulerProfile profile, Snapshot snapshot, PodInfo pod, ulong seed)
        {
            var algorithm = new SchedulingAlgorithm(new RandomStreams(seed).For("test"));
            var counts = new Dictionary<string, int>();
            for (var i = 0; i < 4000; i++)
            {
                var host = algorithm.Schedule(profile, new CycleState(), pod, snapshot).SuggestedHost!;
                counts[host] = counts.GetValueOrDefault(host) + 1;
            }

            return counts;
        }

        var counts = Counts(profile, snapshot, pod, 7);
        Assert.That(counts.Keys, Is.EquivalentTo(new[] { "n0", "n1", "n2", "n3" }));
        Assert.That(counts.Values, Has.All.InRange(880, 1120), "each of 4 tied nodes is chosen about 1,000 times in 4,000 (±3.5 sd)");
        Assert.That(Counts(profile, snapshot, pod, 7), Is.EqualTo(counts), "same seed, same choices");
    }
}
