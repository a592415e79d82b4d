using System.Collections.Immutable;
using Sim.Cluster;
using Sim.Cluster.Resources;
using Sim.Engine;
using Sim.Workloads;

namespace Sim.Faults.Tests;

public class FaultInjectorTests
{
    private static SimulatedCluster Cluster(int nodes, params string[] zones)
    {
        var cluster = new SimulatedCluster(seed: 7, recordEvents: false);
        for (var i = 0; i < nodes; i++)
        {
            var labels = new Dictionary<string, string> { [Sim.Cluster.Objects.Node.ZoneLabel] = zones[i % zones.Length] };
            cluster.AddNode($"n{i}", ResourceList.Builder().Cpu(4000).Memory(8L << 30).Pods(110).Build(), labels);
        }

        return cluster;
    }

    [Test]
    public void A_zone_outage_takes_down_exactly_that_zone_and_brings_it_back()
    {
        var cluster = Cluster(6, "a", "b", "c");
        var injector = new FaultInjector(cluster, [new ZoneOutageFault { Name = "b-down", Zone = "b", At = TimeSpan.FromSeconds(100), Duration = TimeSpan.FromSeconds(50) }]);
        injector.Start();

        cluster.Simulation.RunUntil(SimTime.FromSeconds(120));
        var downDuring = cluster.Kubelets.Where(k => k.Value.IsDown).Select(k => k.Key).Order(StringComparer.Ordinal).ToArray();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(160));

        Assert.Multiple(() =>
        {
            Assert.That(downDuring, Is.EqualTo(new[] { "n1", "n4" }));
            Assert.That(cluster.Kubelets.Values.Any(k => k.IsDown), Is.False);
            Assert.That(injector.Log.Select(r => (r.Time, r.Node, r.IsDown)), Is.EqualTo(new[]
            {
                (SimTime.FromSeconds(100), "n1", true),
                (SimTime.FromSeconds(100), "n4", true),
                (SimTime.FromSeconds(150), "n1", false),
                (SimTime.FromSeconds(150), "n4", false),
            }));
        });
    }

    [Test]
    public void Overlapping_faults_keep_a_node_down_until_the_last_one_ends()
    {
        var cluster = Cluster(3, "a", "b", "c");
        var injector = new FaultInjector(cluster,
        [
            new ZoneOutageFault { Name = "zone", Zone = "a", At = TimeSpan.FromSeconds(10), Duration = TimeSpan.FromSeconds(30) },
            new ScheduledNodeFault { Name = "n0", Nodes = ["n0"], At = TimeSpan.FromSeconds(20), Duration = TimeSpan.FromSeconds(40) },
        ]);
        injector.Start();

        cluster.Simulation.RunUntil(SimTime.FromSeconds(50));
        var downAt50 = cluster.Kubelets["n0"].IsDown;
        cluster.Simulation.RunUntil(SimTime.FromSeconds(61));

        Assert.Multiple(() =>
        {
            Assert.That(downAt50, Is.True, "the zone outage ended at 40 s but the scheduled fault holds until 60 s");
            Assert.That(cluster.Kubelets["n0"].IsDown, Is.False);
            Assert.That(injector.Crashes, Is.EqualTo(1));
        });
    }

    [Test]
    public void Stochastic_crashes_stop_at_the_faults_stop_and_the_last_down_nodes_recover()
    {
        var cluster = Cluster(10, "a");
        var injector = new FaultInjector(cluster,
        [
            new NodeCrashFault { Name = "crashes", TimeToFailure = Distribution.Exponential(600), TimeToRecover = Distribution.Constant(300), Stop = TimeSpan.FromHours(1) },
        ]);
        injector.Start();

        cluster.Simulation.RunUntil(SimTime.FromSeconds(5 * 3600));

        var downs = injector.Log.Where(r => r.IsDown).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(downs, Is.Not.Empty);
            Assert.That(downs.Select(r => r.Time), Is.All.LessThan(SimTime.FromSeconds(3600)));
            Assert.That(injector.Log.Count(r => !r.IsDown), Is.EqualTo(downs.Count), "every crash recovers");
            Assert.That(cluster.Kubelets.Values.Any(k => k.IsDown), Is.False);
        });
    }

    [Test]
    public void Stochastic_crashes_depend_only_on_the_seed_and_match_the_mean_time_to_failure()
    {
        ImmutableArray<FaultRecord> Run()
        {
            var cluster = Cluster(20, "a");
            var injector = new FaultInjector(cluster,
            [
                new NodeCrashFault { Name = "crashes", TimeToFailure = Distribution.Exponential(3600), TimeToRecover = Distribution.Constant(600) },
            ]);
            injector.Start();
            cluster.Simulation.RunUntil(SimTime.FromSeconds(100 * 3600));
            return [.. injector.Log];
        }

        var first = Run();
        var second = Run();
        var crashes = first.Count(r => r.IsDown);

        // Each node cycles up ~Exp(1 h) then down 10 min: 20 nodes × 100 h / (70 min) ≈ 1714 crashes.
        var expected = 20 * 100 * 60 / 70.0;
        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(crashes, Is.InRange(expected - (4 * Math.Sqrt(expected)), expected + (4 * Math.Sqrt(expected))));
        });
    }

    [Test]
    public void Fault_times_beyond_what_a_TimeSpan_holds_never_happen_instead_of_overflowing_the_clock()
    {
        // The scenario format takes durations up to 10675199d: a crash process starting that late, a
        // recovery drawn that long, and a node failure lasting that long from 3 h all end after
        // TimeSpan.MaxValue, which no run reaches.
        var cluster = Cluster(4, "a", "b");
        var injector = new FaultInjector(cluster,
        [
            new NodeCrashFault { Name = "late", TimeToFailure = Distribution.Exponential(3600), Start = TimeSpan.FromDays(10675199) },
            new NodeCrashFault { Name = "slow", NodeSelector = ImmutableDictionary<string, string>.Empty.Add(Sim.Cluster.Objects.Node.ZoneLabel, "a"), TimeToFailure = Distribution.Constant(60), TimeToRecover = Distribution.Constant(1e300) },
            new ScheduledNodeFault { Name = "long", Nodes = ["n1"], At = TimeSpan.FromHours(3), Duration = TimeSpan.FromDays(10675199) },
        ]);
        injector.Start();

        cluster.Simulation.RunUntil(SimTime.FromSeconds(4 * 3600));

        Assert.Multiple(() =>
        {
            Assert.That(injector.Log.Select(r => (r.Time, r.Node, r.IsDown)), Is.EqualTo(new[]
            {
                (SimTime.FromSeconds(60), "n0", true),
                (SimTime.FromSeconds(60), "n2", true),
                (SimTime.FromSeconds(3 * 3600), "n1", true),
            }));
            Assert.That(cluster.Kubelets["n3"].IsDown, Is.False);
        });
    }
}
