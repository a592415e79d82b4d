using Sim.Cluster;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;
using Sim.Tests.Shared;

namespace Sim.Workloads.Tests;

/// <summary>The example in docs/workloads.md is this file's code: the page must show it verbatim, and it must run.</summary>
public class DocsExampleTests
{
    [Test]
    public void The_page_shows_this_example_verbatim()
    {
        var shown = ReadmeExamples.DocBlock("docs/workloads.md", "driver");
        var tested = ReadmeExamples.SourceRegion("tests/Sim.Workloads.Tests/DocsExampleTests.cs", "driver");

        Assert.That(shown, Is.EqualTo(tested).And.Not.Empty);
    }

    [Test]
    public void The_example_runs_its_jobs_to_completion()
    {
        var (cluster, driver) = Example();
        var completed = cluster.Log.Events.Count(e => e.Target.Kind == Job.KindName && e.Change.EndsWith("; Complete", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(driver.Arrivals, Is.EqualTo(72).Within(3 * Math.Sqrt(72)), "0.02/s for an hour");
            Assert.That(driver.Failures, Is.Empty);
            Assert.That(completed, Is.EqualTo(driver.Arrivals), "every Job completed");
            Assert.That(cluster.Api.List(Job.KindName), Is.Empty, "and was deleted after its TTL");
            Assert.That(cluster.Api.List(Pod.KindName), Is.Empty);
        });
    }

    [Test]
    public void The_page_shows_the_stop_example_verbatim()
    {
        var shown = ReadmeExamples.DocBlock("docs/workloads.md", "stop");
        var tested = ReadmeExamples.SourceRegion("tests/Sim.Workloads.Tests/DocsExampleTests.cs", "stop");

        Assert.That(shown, Is.EqualTo(tested).And.Not.Empty);
    }

    [Test]
    public void The_stop_example_ends_the_run_when_the_last_job_has_completed()
    {
        // The driver example's cluster and workload, started but not run.
        var cluster = new SimulatedCluster(seed: 1);
        cluster.AddNode("node-a", ResourceList.Builder().Cpu(8000).Memory(32L << 30).Pods(110).Build());
        var driver = new WorkloadDriver(cluster, [
            new JobWorkload
            {
                Name = "etl",
                Arrivals = ArrivalProcess.Poisson(ratePerSecond: 0.02),
                Stop = TimeSpan.FromHours(1),
                Pod = new PodShape { Cpu = Distribution.LogNormalFromMean(500, 250), Memory = Distribution.Constant(512 << 20) },
                Parallelism = Distribution.Uniform(1, 4),
                Completions = Distribution.Uniform(1, 10),
                Duration = Distribution.Exponential(mean: 60),
            },
        ]);
        driver.Start();

        // readme:stop
        var watcher = new StopWatcher(cluster, driver, StopCondition.WorkloadsDone);
        bool ended = watcher.RunUntil(SimTime.FromSeconds(7200)); // true: the last Job completed at watcher.StoppedAt
        // readme:end

        var completed = cluster.Log.Events.Count(e => e.Target.Kind == Job.KindName && e.Change.EndsWith("; Complete", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(ended, Is.True);
            Assert.That(watcher.StoppedAt, Is.GreaterThan(SimTime.FromSeconds(3000)).And.LessThan(SimTime.FromSeconds(7200)));
            Assert.That(completed, Is.EqualTo(driver.Arrivals), "every Job completed");
            Assert.That(cluster.Log.Events[^1].Time, Is.EqualTo(watcher.StoppedAt));
        });
    }

    private static (SimulatedCluster Cluster, WorkloadDriver Driver) Example()
    {
        // readme:driver
        var cluster = new SimulatedCluster(seed: 1);
        cluster.AddNode("node-a", ResourceList.Builder().Cpu(8000).Memory(32L << 30).Pods(110).Build());
        var driver = new WorkloadDriver(cluster, [
            new JobWorkload
            {
                Name = "etl",
                Arrivals = ArrivalProcess.Poisson(ratePerSecond: 0.02),
                Stop = TimeSpan.FromHours(1),
                Pod = new PodShape { Cpu = Distribution.LogNormalFromMean(500, 250), Memory = Distribution.Constant(512 << 20) },
                Parallelism = Distribution.Uniform(1, 4),
                Completions = Distribution.Uniform(1, 10),
                Duration = Distribution.Exponential(mean: 60),
            },
        ]);
        driver.Start();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(7200));
        // readme:end
        return (cluster, driver);
    }
}
