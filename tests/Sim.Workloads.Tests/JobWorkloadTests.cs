using Sim.Cluster;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;
using Sim.Engine.Randomness;

namespace Sim.Workloads.Tests;

/// <summary>What a Job workload creates, and that its Jobs run to completion and go away.</summary>
public class JobWorkloadTests
{
    [Test]
    public void A_job_workload_runs_to_completion_in_a_small_cluster_and_its_jobs_and_pods_are_gone_after_the_ttl()
    {
        // One 1-CPU node and 400m pods: at most two run at once, so the Jobs queue for the node.
        var cluster = TestClusters.Build(nodes: 1, milliCpu: 1000);
        var driver = new WorkloadDriver(cluster, [new JobWorkload
        {
            Name = "etl",
            Count = 3,
            Arrivals = ArrivalProcess.Fixed([TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)]),
            Pod = TestClusters.SmallPod() with { Cpu = Distribution.Constant(400) },
            Parallelism = Distribution.Constant(2),
            Completions = Distribution.Constant(3),
            Duration = Distribution.Constant(20),
            TtlAfterFinished = TimeSpan.FromSeconds(30),
        }]);
        var finished = new Dictionary<string, JobStatus>(StringComparer.Ordinal);
        cluster.Api.Watch(new WatchOptions { Kind = Job.KindName }, e =>
        {
            if (e.Item is Job { Status.Finished: not null } job)
            {
                finished.TryAdd(job.Metadata.Name, job.Status);
            }
        });
        var checker = new MostPodsRunning(cluster);
        driver.Start();
        while (cluster.Simulation.Now < SimTime.FromSeconds(400) && cluster.Simulation.RunEvents(1) != StopReason.Idle)
        {
            checker.Check();
        }

        var podWrites = cluster.Log.Events.Where(e => e.Target.Kind == Pod.KindName && e.Change == "created").Select(e => e.Target.Name).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(finished.Keys, Is.EquivalentTo(new[] { "etl-0", "etl-1", "etl-2" }));
            Assert.That(finished.Values.Select(s => s.Finished!.Type), Is.All.EqualTo(JobConditionType.Complete));
            Assert.That(finished.Values.Select(s => s.Succeeded), Is.All.EqualTo(3));
            Assert.That(podWrites, Has.Count.EqualTo(9));
            Assert.That(checker.Most, Is.EqualTo(2), "the node holds two 400m pods");
            Assert.That(cluster.Api.List(Job.KindName), Is.Empty, "deleted after their TTL");
            Assert.That(cluster.Api.List(Pod.KindName), Is.Empty);
            Assert.That(driver.Arrivals, Is.EqualTo(3));
            Assert.That(driver.PodsRequested, Is.EqualTo(9));
        });
    }

    [Test]
    public void Each_jobs_pods_run_for_the_draws_of_its_durations_stream_in_the_order_it_creates_them()
    {
        var cluster = TestClusters.Build();
        var duration = Distribution.Uniform(10, 100);
        var driver = new WorkloadDriver(cluster, [new JobWorkload
        {
            Name = "sim",
            Count = 2,
            Pod = TestClusters.SmallPod(),
            Parallelism = Distribution.Constant(2),
            Completions = Distribution.Constant(4),
            Duration = duration,
        }]);
        var runTimes = RecordRunTimes(cluster);
        driver.Start();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(600));

        Assert.Multiple(() =>
        {
            for (var job = 0; job < 2; job++)
            {
                var stream = new RandomStreams(1).Child("workloads").Child("sim").For("durations", job);
                var expected = Enumerable.Range(0, 4).Select(_ => TimeSpan.FromTicks((long)Math.Round(duration.Sample(stream) * TimeSpan.TicksPerSecond))).ToList();
                Assert.That(Enumerable.Range(0, 4).Select(k => runTimes[$"sim-{job}-{k}"]), Is.EqualTo(expected), $"Job sim-{job}");
            }

            Assert.That(runTimes.Values.Distinct().Count(), Is.EqualTo(8), "a draw per pod");
        });
    }

    [Test]
    public void A_job_without_completions_needs_as_many_as_its_parallelism_and_its_template_never_restarts()
    {
        var cluster = TestClusters.Build();
        var driver = new WorkloadDriver(cluster, [new JobWorkload
        {
            Name = "fan",
            Count = 1,
            Pod = TestClusters.SmallPod(),
            Parallelism = Distribution.Constant(3),
            Duration = Distribution.Constant(5),
            TtlAfterFinished = TimeSpan.FromSeconds(90.4),
        }]);
        driver.Start();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(1));
        var job = cluster.Api.Get<Job>(new ObjectKey(Job.KindName, "default", "fan-0"))!;

        Assert.Multiple(() =>
        {
            Assert.That(job.Spec.Parallelism, Is.EqualTo(3));
            Assert.That(job.Spec.Completions, Is.EqualTo(3));
            Assert.That(job.Spec.TtlSecondsAfterFinished, Is.EqualTo(90));
            Assert.That(job.Spec.Template.Spec.RestartPolicy, Is.EqualTo(RestartPolicy.Never));
            Assert.That(job.Spec.Template.Spec.Containers.Single().RunFor, Is.Null, "run times are set per pod");
            Assert.That(job.Metadata.Labels["sim.workload"], Is.EqualTo("fan"));
            Assert.That(driver.PodsRequested, Is.EqualTo(3));
        });
    }

    /// <summary>Every pod's run time as created, by pod name (an immediate watch, so deleted pods are kept).</summary>
    internal static Dictionary<string, TimeSpan> RecordRunTimes(SimulatedCluster cluster)
    {
        var runTimes = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        cluster.Api.Watch(new WatchOptions { Kind = Pod.KindName }, e =>
        {
            if (e.Type == WatchEventType.Added && e.Item is Pod pod && pod.Spec.Containers[0].RunFor is { } runFor)
            {
                runTimes[pod.Metadata.Name] = runFor;
            }
        });
        return runTimes;
    }

    /// <summary>The most pods running at once.</summary>
    private sealed class MostPodsRunning(SimulatedCluster cluster)
    {
        public int Most { get; private set; }

        public void Check() => Most = Math.Max(Most, cluster.Api.List(Pod.KindName).Cast<Pod>().Count(p => p.Status.Phase == PodPhase.Running));
    }
}
