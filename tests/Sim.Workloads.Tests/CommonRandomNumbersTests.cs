using Sim.Cluster.Objects;
using Sim.Engine;
using Sim.Scheduling;

namespace Sim.Workloads.Tests;

/// <summary>
/// Common random numbers: with the same seed every scheduling policy sees the same arrivals and the
/// same demands, however differently the cluster then behaves.
/// </summary>
public class CommonRandomNumbersTests
{
    [Test]
    public void The_same_seed_gives_the_same_objects_and_the_same_event_log()
    {
        var first = Run(seed: 5, scheduler: null);
        var second = Run(seed: 5, scheduler: null);

        Assert.Multiple(() =>
        {
            Assert.That(second.Items, Is.EqualTo(first.Items));
            Assert.That(second.RunTimes, Is.EqualTo(first.RunTimes));
            Assert.That(second.Log, Is.EqualTo(first.Log));
        });
    }

    [Test]
    public void A_different_seed_gives_different_arrivals_and_demands()
    {
        var first = Run(seed: 5, scheduler: null);
        var other = Run(seed: 6, scheduler: null);

        Assert.That(other.Items, Is.Not.EqualTo(first.Items));
    }

    [Test]
    public void Different_scheduling_policies_see_identical_arrival_times_and_demands()
    {
        var spreading = Run(seed: 5, scheduler: null);
        var packing = Run(seed: 5, scheduler: TestClusters.Packing());

        Assert.Multiple(() =>
        {
            Assert.That(packing.Placements, Is.Not.EqualTo(spreading.Placements), "the policies do place pods differently");
            Assert.That(packing.Items, Is.EqualTo(spreading.Items), "same arrival times, shapes, replicas, parallelism and completions");
            Assert.That(packing.RunTimes, Is.EqualTo(spreading.RunTimes), "same run time for every Job pod");
            Assert.That(packing.RunTimes, Has.Count.GreaterThan(20));
            Assert.That(packing.Items, Has.Count.GreaterThan(20));
        });
    }

    /// <summary>A mixed workload on a cluster the scheduler has to choose in.</summary>
    private static Outcome Run(ulong seed, SchedulerConfiguration? scheduler)
    {
        var cluster = TestClusters.Build(seed, nodes: 4, milliCpu: 4000, scheduler: scheduler);
        var shape = new PodShape { Cpu = Distribution.LogNormalFromMean(400, 200), Memory = Distribution.Uniform(64 << 20, 512 << 20), Gpu = Distribution.Empirical([0, 0, 0, 1]) };
        var driver = new WorkloadDriver(cluster, [
            new DeploymentWorkload
            {
                Name = "svc",
                Arrivals = ArrivalProcess.Poisson(0.05),
                Stop = TimeSpan.FromMinutes(10),
                Pod = shape,
                Replicas = Distribution.Uniform(1, 4),
                Lifetime = Distribution.Exponential(300),
            },
            new JobWorkload
            {
                Name = "batch",
                Arrivals = ArrivalProcess.Poisson(0.1),
                Count = 15,
                Pod = shape,
                Parallelism = Distribution.Uniform(1, 3),
                Completions = Distribution.Uniform(1, 5),
                Duration = Distribution.Exponential(60),
                TtlAfterFinished = TimeSpan.FromMinutes(30),
            },
        ]);
        var runTimes = JobWorkloadTests.RecordRunTimes(cluster);
        var placements = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var items = new List<string>();
        cluster.Api.Watch(new Cluster.Api.WatchOptions { Kind = Pod.KindName }, e =>
        {
            if (e.Item is Pod { IsBound: true } pod)
            {
                placements.TryAdd(pod.Metadata.Name, pod.Spec.NodeName);
            }
        });
        cluster.Api.Watch(new Cluster.Api.WatchOptions { Kind = Deployment.KindName }, e =>
        {
            if (e.Type == Cluster.Api.WatchEventType.Added && e.Item is Deployment d)
            {
                items.Add($"{cluster.Simulation.Now} {d.Metadata.Name} replicas={d.Spec.Replicas} {d.Spec.Template.Spec.Containers[0].Requests}");
            }
        });
        cluster.Api.Watch(new Cluster.Api.WatchOptions { Kind = Job.KindName }, e =>
        {
            if (e.Type == Cluster.Api.WatchEventType.Added && e.Item is Job j)
            {
                items.Add($"{cluster.Simulation.Now} {j.Metadata.Name} parallelism={j.Spec.Parallelism} completions={j.Spec.Completions} {j.Spec.Template.Spec.Containers[0].Requests}");
            }
        });
        driver.Start();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(1200));

        var log = cluster.Log.Events.Select(e => $"{e.Time} {e.Component} {e.Target} {e.Change}").ToList();
        return new Outcome(items, new SortedDictionary<string, TimeSpan>(runTimes, StringComparer.Ordinal), placements, log);
    }

    private sealed record Outcome(List<string> Items, SortedDictionary<string, TimeSpan> RunTimes, SortedDictionary<string, string> Placements, List<string> Log);
}
