using Sim.Cluster;
using Sim.Cluster.Resources;
using Sim.Engine;
using Sim.Tests.Shared;
using Sim.Workloads;

namespace Sim.Faults.Tests;

/// <summary>The example in docs/faults.md is this file's code: the page must show it verbatim, and it must run.</summary>
public class DocsExampleTests
{
    [Test]
    public void The_page_shows_this_example_verbatim()
    {
        var shown = ReadmeExamples.DocBlock("docs/faults.md", "injector");
        var tested = ReadmeExamples.SourceRegion("tests/Sim.Faults.Tests/DocsExampleTests.cs", "injector");

        Assert.That(shown, Is.EqualTo(tested).And.Not.Empty);
    }

    [Test]
    public void The_example_partitions_two_nodes_and_drains_one()
    {
        var injector = Example();
        var drained = injector.Events.Where(e => e.Target == "general-0").Select(e => (e.Time, e.Action)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(injector.Partitions, Is.EqualTo(2));
            Assert.That(injector.Events.Count(e => e.Action == FaultAction.Healed), Is.EqualTo(2));
            Assert.That(drained, Is.SupersetOf(new[]
            {
                (SimTime.FromSeconds(1800), FaultAction.Cordoned),
                (SimTime.FromSeconds(1800), FaultAction.Drained),
                (SimTime.FromSeconds(2700), FaultAction.Uncordoned),
            }));
        });
    }

    private static FaultInjector Example()
    {
        // readme:injector
        var cluster = new SimulatedCluster(seed: 1);
        for (var i = 0; i < 10; i++)
        {
            cluster.AddNode($"general-{i}", ResourceList.Builder().Cpu(8000).Memory(32L << 30).Pods(110).Build());
        }

        var injector = new FaultInjector(cluster,
        [
            new NodeCrashFault { Name = "crashes", TimeToFailure = Distribution.Exponential(24 * 3600), TimeToRecover = Distribution.Constant(600) },
            new KubeletPartitionFault { Name = "split", Count = 2, At = TimeSpan.FromMinutes(20), Duration = TimeSpan.FromMinutes(5) },
            new DrainFault { Name = "maintenance", Nodes = ["general-0"], At = TimeSpan.FromMinutes(30), Duration = TimeSpan.FromMinutes(15) },
        ]);
        injector.Start();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(3600));
        // injector.Log: node downs and ups; injector.Events: everything it did; counters below.
        // readme:end
        return injector;
    }
}
