using Sim.Cluster.Labels;
using Sim.Engine;
using Sim.Metrics.Replication;
using Sim.Tests.Shared;

namespace Sim.Metrics.Tests.Replication;

/// <summary>The example in docs/replication.md is this file's code: the page must show it verbatim, and it must run.</summary>
public class DocsExampleTests
{
    [Test]
    public void The_page_shows_this_example_verbatim()
    {
        var shown = ReadmeExamples.DocBlock("docs/replication.md", "collector");
        var tested = ReadmeExamples.SourceRegion("tests/Sim.Metrics.Tests/Replication/DocsExampleTests.cs", "collector");

        Assert.That(shown, Is.EqualTo(tested).And.Not.Empty);
    }

    [Test]
    public void The_example_measures_a_healthy_service()
    {
        var (cluster, _) = ReplicationFixture.Start(collect: false);

        // readme:collector
        var replication = new ReplicationCollector(cluster, new ReplicationOptions
        {
            Traffic = [new ServiceTraffic { Selector = LabelSelector.Parse("app=web"), RatePerSecond = 20 }],
        });
        replication.Start(); // with MetricsCollector.Start(), before the workload
        cluster.Simulation.RunUntil(SimTime.FromSeconds(7200));
        IReadOnlyList<Metric> final = replication.Final(); // ReplicationCollector.FinalNames order
        IReadOnlyList<WorkloadReplication> perWorkload = replication.Workloads();
        IReadOnlyList<ServiceReplication> perService = replication.Services();
        // readme:end

        Assert.Multiple(() =>
        {
            Assert.That(final.Value(ReplicationMetricNames.AvailabilityMean), Is.EqualTo(1.0));
            Assert.That(perWorkload.Single().Name, Is.EqualTo("web"));
            Assert.That(perService.Single().RatePerSecond, Is.EqualTo(20));
            Assert.That(perService.Single().Successes, Is.EqualTo(perService.Single().Requests).And.GreaterThan(0));
        });
    }
}
