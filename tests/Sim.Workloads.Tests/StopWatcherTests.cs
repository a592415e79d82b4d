using Sim.Cluster;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Workloads.Tests;

/// <summary>When a stop condition ends a run, and that it changes nothing of the run before that.</summary>
public class StopWatcherTests
{
    private static readonly SimTime Cap = SimTime.FromSeconds(3600);

    [Test]
    public void Workloads_done_ends_the_run_when_the_last_job_completes()
    {
        var (cluster, driver) = Jobs(seed: 3);
        var completions = new List<SimTime>();
        cluster.Api.Observe(write =>
        {
            if (write.After is Job { Status.Finished: { Type: JobConditionType.Complete } } && write.Before is Job { Status.Finished: null })
            {
                completions.Add(cluster.Simulation.Now);
            }
        });
        var watcher = new StopWatcher(cluster, driver, StopCondition.WorkloadsDone);

        var stopped = watcher.RunUntil(Cap);

        Assert.Multiple(() =>
        {
            Assert.That(stopped, Is.True);
            Assert.That(completions, Has.Count.EqualTo(6), "every Job completed");
            Assert.That(watcher.StoppedAt, Is.EqualTo(completions.Max()));
            Assert.That(cluster.Simulation.Now, Is.EqualTo(watcher.StoppedAt), "the clock stays at the stop");
            Assert.That(cluster.Api.List(Pod.KindName).Cast<Pod>().Where(p => p.IsActive), Is.Empty, "nothing waits or runs");
            Assert.That(cluster.Simulation.PendingCount, Is.GreaterThan(0), "the later events (TTL deletions, heartbeats) were not run");
        });
    }

    [Test]
    public void The_same_seed_stops_at_the_same_time_and_the_run_up_to_the_stop_is_the_run_without_a_condition()
    {
        var first = StoppedLog(seed: 4);
        var second = StoppedLog(seed: 4);
        var (cluster, _) = Jobs(seed: 4);
        cluster.Simulation.RunUntil(Cap);
        var unstopped = Log(cluster);

        Assert.Multiple(() =>
        {
            Assert.That(second.StoppedAt, Is.EqualTo(first.StoppedAt));
            Assert.That(second.Log, Is.EqualTo(first.Log));
            Assert.That(unstopped.Count, Is.GreaterThan(first.Log.Count), "the run without a condition goes on");
            Assert.That(unstopped.Take(first.Log.Count), Is.EqualTo(first.Log), "the same writes, in the same order, at the same times");
        });
    }

    [Test]
    public void Workloads_done_waits_until_every_deployment_has_all_its_replicas_running()
    {
        var cluster = TestClusters.Build(nodes: 3);
        var driver = new WorkloadDriver(cluster, [new DeploymentWorkload
        {
            Name = "web",
            Count = 3,
            Arrivals = ArrivalProcess.Fixed([TimeSpan.Zero, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)]),
            Pod = TestClusters.SmallPod(),
            Replicas = Distribution.Constant(4),
        }]);
        driver.Start();
        var watcher = new StopWatcher(cluster, driver, StopCondition.WorkloadsDone);

        var stopped = watcher.RunUntil(Cap);
        var pods = cluster.Api.List(Pod.KindName).Cast<Pod>().ToList();
        var lastStart = cluster.Log.Events.Where(e => e.Target.Kind == Pod.KindName && e.Change.Contains("Running", StringComparison.Ordinal)).Max(e => e.Time);

        Assert.Multiple(() =>
        {
            Assert.That(stopped, Is.True);
            Assert.That(pods, Has.Count.EqualTo(12));
            Assert.That(pods.Select(p => p.Status.Phase), Is.All.EqualTo(PodPhase.Running));
            Assert.That(watcher.StoppedAt, Is.EqualTo(lastStart), "the moment the twelfth pod runs");
            Assert.That(watcher.StoppedAt, Is.GreaterThan(SimTime.FromSeconds(60)));
        });
    }

    [Test]
    public void Workloads_done_never_holds_while_a_pod_cannot_be_scheduled_and_the_duration_ends_the_run()
    {
        var cluster = TestClusters.Build(nodes: 1, milliCpu: 1000);
        var driver = new WorkloadDriver(cluster, [new JobWorkload
        {
            Name = "huge",
            Count = 1,
            Pod = TestClusters.SmallPod() with { Cpu = Distribution.Constant(2000) },
            Duration = Distribution.Constant(10),
        }]);
        driver.Start();
        var watcher = new StopWatcher(cluster, driver, StopCondition.WorkloadsDone);

        var stopped = watcher.RunUntil(SimTime.FromSeconds(600));

        Assert.Multiple(() =>
        {
            Assert.That(stopped, Is.False);
            Assert.That(watcher.StoppedAt, Is.Null);
            Assert.That(cluster.Simulation.Now, Is.EqualTo(SimTime.FromSeconds(600)));
            Assert.That(watcher.Holds, Is.False);
        });
    }

    [Test]
    public void Workloads_done_never_holds_while_a_workload_keeps_arriving()
    {
        var cluster = TestClusters.Build();
        var driver = new WorkloadDriver(cluster, [new JobWorkload
        {
            Name = "stream",
            Arrivals = ArrivalProcess.Poisson(0.01),
            Pod = TestClusters.SmallPod(),
            Duration = Distribution.Constant(1),
        }]);
        driver.Start();
        var watcher = new StopWatcher(cluster, driver, StopCondition.WorkloadsDone);

        Assert.Multiple(() =>
        {
            Assert.That(watcher.RunUntil(SimTime.FromSeconds(1800)), Is.False);
            Assert.That(driver.ArrivalsOver, Is.False);
            Assert.That(driver.Arrivals, Is.GreaterThan(5));
        });
    }

    [Test]
    public void With_no_workload_workloads_done_holds_at_once_and_no_event_runs()
    {
        var cluster = TestClusters.Build();
        var driver = new WorkloadDriver(cluster, []);
        driver.Start();
        var watcher = new StopWatcher(cluster, driver, StopCondition.WorkloadsDone);

        var stopped = watcher.RunUntil(Cap);

        Assert.Multiple(() =>
        {
            Assert.That(stopped, Is.True);
            Assert.That(watcher.StoppedAt, Is.EqualTo(SimTime.Zero));
            Assert.That(cluster.Simulation.EventsExecuted, Is.Zero);
        });
    }

    [TestCase(StopWhen.PodsCreated, "created", 7)]
    [TestCase(StopWhen.PodsScheduled, "bound", 7)]
    [TestCase(StopWhen.PodsSucceeded, "Succeeded", 7)]
    public void A_pod_count_ends_the_run_at_the_write_of_that_pod(StopWhen when, string change, int count)
    {
        var (cluster, driver) = Jobs(seed: 5);
        var condition = when switch
        {
            StopWhen.PodsCreated => StopCondition.PodsCreated(count),
            StopWhen.PodsScheduled => StopCondition.PodsScheduled(count),
            _ => StopCondition.PodsSucceeded(count),
        };
        var watcher = new StopWatcher(cluster, driver, condition);

        var stopped = watcher.RunUntil(Cap);
        var writes = cluster.Log.Events.Where(e => e.Target.Kind == Pod.KindName && e.Change.Contains(change, StringComparison.Ordinal)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(stopped, Is.True);
            Assert.That(writes, Has.Count.EqualTo(count), string.Join("\n", cluster.Log.Events.Where(e => e.Target.Kind == Pod.KindName).Select(e => e.Change).Distinct()));
            Assert.That(watcher.StoppedAt, Is.EqualTo(writes[^1].Time));
            Assert.That(cluster.Log.Events.SkipWhile(e => e != writes[^1]).Select(e => e.Time), Is.All.EqualTo(writes[^1].Time),
                "only the rest of the event that met the condition runs");
        });
    }

    [Test]
    public void A_pod_count_needs_at_least_one_pod()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => StopCondition.PodsCreated(0), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(StopCondition.PodsSucceeded(12).ToString(), Is.EqualTo("pods-succeeded 12"));
            Assert.That(StopCondition.WorkloadsDone.ToString(), Is.EqualTo("workloads-done"));
        });
    }

    /// <summary>Six 2-pod Jobs arriving over two minutes on three nodes.</summary>
    private static (SimulatedCluster Cluster, WorkloadDriver Driver) Jobs(ulong seed)
    {
        var cluster = TestClusters.Build(seed, nodes: 3);
        var driver = new WorkloadDriver(cluster, [new JobWorkload
        {
            Name = "batch",
            Count = 6,
            Arrivals = ArrivalProcess.Poisson(0.05),
            Pod = TestClusters.SmallPod(),
            Parallelism = Distribution.Constant(2),
            Duration = Distribution.Uniform(30, 120),
        }]);
        driver.Start();
        return (cluster, driver);
    }

    private static (SimTime? StoppedAt, List<string> Log) StoppedLog(ulong seed)
    {
        var (cluster, driver) = Jobs(seed);
        var watcher = new StopWatcher(cluster, driver, StopCondition.WorkloadsDone);
        watcher.RunUntil(Cap);
        return (watcher.StoppedAt, Log(cluster));
    }

    private static List<string> Log(SimulatedCluster cluster) =>
        [.. cluster.Log.Events.Select(e => $"{e.Time} {e.Component} {e.Target} {e.Change}")];
}
