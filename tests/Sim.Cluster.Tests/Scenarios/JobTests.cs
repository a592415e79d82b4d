using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;

namespace Sim.Cluster.Tests.Scenarios;

/// <summary>Jobs run by the job controller, as upstream's job controller behaves for NonIndexed Jobs.</summary>
public class JobTests
{
    [Test]
    public void A_three_completion_job_with_parallelism_two_completes_with_three_pods_never_more_than_two_at_once()
    {
        var cluster = RunToCompletionTests.OneNode(cpu: 4000);
        Create(cluster, NewJob("batch", parallelism: 2, completions: 3, runFor: TimeSpan.FromSeconds(10)));
        var mostActive = 0;
        while (cluster.Simulation.Now < SimTime.FromSeconds(60) && cluster.Simulation.RunEvents(1) != StopReason.Idle)
        {
            mostActive = Math.Max(mostActive, PodsOf(cluster, "batch").Count(p => p.IsActive));
        }

        var job = GetJob(cluster, "batch");
        var pods = PodsOf(cluster, "batch");
        var thirdCreated = pods.Single(p => p.Metadata.Name == "batch-2").Metadata.CreatedAt;
        var firstSucceeded = pods.Min(p => p.Status.FinishedAt!.Value);
        Assert.Multiple(() =>
        {
            Assert.That(pods.Select(p => p.Metadata.Name), Is.EqualTo(new[] { "batch-0", "batch-1", "batch-2" }));
            Assert.That(pods.Select(p => p.Status.Phase), Is.All.EqualTo(PodPhase.Succeeded));
            Assert.That(mostActive, Is.EqualTo(2));
            Assert.That(thirdCreated, Is.GreaterThan(firstSucceeded), "the third pod replaces the first to succeed");
            Assert.That(job.Status.Succeeded, Is.EqualTo(3));
            Assert.That(job.Status.Failed, Is.Zero);
            Assert.That(job.Status.Active, Is.Zero);
            Assert.That(job.Status.Finished?.Type, Is.EqualTo(JobConditionType.Complete));
            Assert.That(job.Status.CompletionTime, Is.EqualTo(job.Status.Finished!.LastTransitionTime));
            Assert.That(job.Status.CompletionTime, Is.GreaterThan(pods.Max(p => p.Status.FinishedAt!.Value)));
            Assert.That(job.Status.StartTime, Is.LessThan(pods.Min(p => p.Metadata.CreatedAt)).Or.EqualTo(pods.Min(p => p.Metadata.CreatedAt)));
            Assert.That(pods.Select(p => p.Owner), Is.All.EqualTo(new OwnerReference(Job.KindName, "batch", job.Metadata.Uid)));
            Assert.That(pods.Select(p => p.Metadata.Labels[Job.JobNameLabel]), Is.All.EqualTo("batch"));
            Assert.That(pods.Select(p => p.Metadata.Labels[Job.LegacyJobNameLabel]), Is.All.EqualTo("batch"));
            Assert.That(pods.Select(p => p.Metadata.Labels["app"]), Is.All.EqualTo("batch"));
        });
    }

    [Test]
    public void A_job_without_completions_or_parallelism_is_defaulted_to_one_of_each()
    {
        var cluster = RunToCompletionTests.OneNode(cpu: 4000);
        var job = NewJob("single", parallelism: null, completions: null, runFor: TimeSpan.FromSeconds(5));
        Create(cluster, job);
        var stored = GetJob(cluster, "single");
        cluster.Simulation.RunUntil(SimTime.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(stored.Spec.Parallelism, Is.EqualTo(1));
            Assert.That(stored.Spec.Completions, Is.EqualTo(1));
            Assert.That(stored.Spec.Template.Labels.Keys, Is.EquivalentTo(new[] { "app", Job.JobNameLabel, Job.LegacyJobNameLabel }));
            Assert.That(PodsOf(cluster, "single").Select(p => p.Metadata.Name), Is.EqualTo(new[] { "single-0" }));
            Assert.That(GetJob(cluster, "single").Status.Finished?.Type, Is.EqualTo(JobConditionType.Complete));
        });
    }

    [Test]
    public void A_job_with_parallelism_and_no_completions_completes_once_a_pod_succeeded_and_none_runs()
    {
        var cluster = RunToCompletionTests.OneNode(cpu: 4000);
        Create(cluster, NewJob("queue", parallelism: 3, completions: null, runFor: TimeSpan.FromSeconds(10)));
        cluster.Simulation.RunUntil(SimTime.FromSeconds(60));
        var job = GetJob(cluster, "queue");

        Assert.Multiple(() =>
        {
            Assert.That(job.Spec.Completions, Is.Null, "work-queue semantics: completions stay unset");
            Assert.That(PodsOf(cluster, "queue"), Has.Count.EqualTo(3), "no new pod after the first success");
            Assert.That(job.Status.Succeeded, Is.EqualTo(3));
            Assert.That(job.Status.Finished?.Type, Is.EqualTo(JobConditionType.Complete));
        });
    }

    [Test]
    public void A_job_whose_pods_keep_failing_fails_when_failures_exceed_the_backoff_limit_and_replaces_them_after_a_growing_back_off()
    {
        var cluster = RunToCompletionTests.OneNode(cpu: 4000);
        var flaky = NewJob("flaky", parallelism: 1, completions: 1, runFor: TimeSpan.FromMinutes(10));
        Create(cluster, flaky with { Spec = flaky.Spec with { BackoffLimit = 2 } });

        // Crash every pod as soon as it runs (restartPolicy Never: the pod fails).
        for (var i = 0; i < 10 && GetJob(cluster, "flaky").Status.Finished is null; i++)
        {
            var running = RunUntil(cluster, () => PodsOf(cluster, "flaky").FirstOrDefault(p => p.IsActive && p.Status.Phase == PodPhase.Running) is not null || GetJob(cluster, "flaky").Status.Finished is not null);
            if (!running || GetJob(cluster, "flaky").Status.Finished is not null)
            {
                break;
            }

            var pod = PodsOf(cluster, "flaky").First(p => p.IsActive && p.Status.Phase == PodPhase.Running);
            cluster.Kubelets[pod.Spec.NodeName].CrashContainer(pod.Metadata.Name);
            cluster.Simulation.RunFor(TimeSpan.FromSeconds(1));
        }

        var job = GetJob(cluster, "flaky");
        var pods = PodsOf(cluster, "flaky");
        TimeSpan Gap(int failed, int next) => pods[next].Metadata.CreatedAt - pods[failed].Status.FinishedAt!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(pods.Select(p => p.Metadata.Name), Is.EqualTo(new[] { "flaky-0", "flaky-1", "flaky-2" }));
            Assert.That(pods.Select(p => p.Status.Phase), Is.All.EqualTo(PodPhase.Failed));
            Assert.That(job.Status.Failed, Is.EqualTo(3), "failed > backoffLimit (2)");
            Assert.That(job.Status.Succeeded, Is.Zero);
            Assert.That(job.Status.Finished, Is.Not.Null);
            Assert.That(job.Status.Finished!.Type, Is.EqualTo(JobConditionType.Failed));
            Assert.That(job.Status.Finished.Reason, Is.EqualTo("BackoffLimitExceeded"));
            Assert.That(job.Status.CompletionTime, Is.Null);
            Assert.That(Gap(0, 1), Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(10)).And.LessThan(TimeSpan.FromSeconds(11)));
            Assert.That(Gap(1, 2), Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(20)).And.LessThan(TimeSpan.FromSeconds(21)));
        });
    }

    [Test]
    public void Under_restart_policy_on_failure_container_restarts_count_against_the_backoff_limit_and_the_failed_jobs_pod_is_deleted()
    {
        var cluster = RunToCompletionTests.OneNode(cpu: 4000);
        var job = NewJob("restarts", parallelism: 1, completions: 1, runFor: TimeSpan.FromMinutes(10));
        job = job with
        {
            Spec = job.Spec with
            {
                BackoffLimit = 2,
                Template = job.Spec.Template with { Spec = job.Spec.Template.Spec with { RestartPolicy = RestartPolicy.OnFailure } },
            },
        };
        Create(cluster, job);
        for (var crash = 0; crash < 2; crash++)
        {
            RunUntil(cluster, () => PodsOf(cluster, "restarts").Any(p => p.Status.Phase == PodPhase.Running && p.Status.Reason.Length == 0));
            cluster.Kubelets["node-a"].CrashContainer("restarts-0");
        }

        cluster.Simulation.RunFor(TimeSpan.FromSeconds(5));
        var status = GetJob(cluster, "restarts").Status;

        Assert.Multiple(() =>
        {
            Assert.That(status.Finished?.Type, Is.EqualTo(JobConditionType.Failed));
            Assert.That(status.Finished?.Reason, Is.EqualTo("BackoffLimitExceeded"));
            Assert.That(status.Active, Is.Zero);
            Assert.That(PodsOf(cluster, "restarts"), Is.Empty, "the failed Job's active pod was deleted");
        });
    }

    [Test]
    public void A_finished_job_and_its_pods_are_deleted_after_its_ttl()
    {
        var cluster = RunToCompletionTests.OneNode(cpu: 4000);
        var job = NewJob("short", parallelism: 2, completions: 2, runFor: TimeSpan.FromSeconds(5));
        Create(cluster, job with { Spec = job.Spec with { TtlSecondsAfterFinished = 30 } });
        cluster.Simulation.RunUntil(SimTime.FromSeconds(20));
        var finished = GetJob(cluster, "short").Status.Finished!.LastTransitionTime;
        var podsBefore = PodsOf(cluster, "short").Count;
        cluster.Simulation.RunUntil(finished + TimeSpan.FromSeconds(29));
        var stillThere = cluster.Api.Get<Job>(new ObjectKey(Job.KindName, "default", "short")) is not null;
        cluster.Simulation.RunUntil(finished + TimeSpan.FromSeconds(31));
        var deletion = cluster.Log.Events.Single(e => e.Target.Kind == Job.KindName && e.Change == "deleted (ttlSecondsAfterFinished)");

        Assert.Multiple(() =>
        {
            Assert.That(podsBefore, Is.EqualTo(2), "succeeded pods stay until the Job goes");
            Assert.That(stillThere, Is.True);
            Assert.That(deletion.Time, Is.EqualTo(finished + TimeSpan.FromSeconds(30)));
            Assert.That(deletion.Component, Is.EqualTo("ttl-after-finished-controller"));
            Assert.That(cluster.Api.Get<Job>(new ObjectKey(Job.KindName, "default", "short")), Is.Null);
            Assert.That(PodsOf(cluster, "short"), Is.Empty, "the garbage collector deleted its pods");
            Assert.That(cluster.Log.Events.Count(e => e.Component == "garbage-collector"), Is.EqualTo(2));
        });
    }

    [Test]
    public void Pods_that_succeed_free_their_node_so_the_jobs_pending_pod_schedules()
    {
        // Room for one 600m pod at a time: the Job's two pods run one after the other.
        var cluster = RunToCompletionTests.OneNode(cpu: 1000);
        var job = NewJob("serial", parallelism: 2, completions: 2, runFor: TimeSpan.FromSeconds(20));
        job = job with { Spec = job.Spec with { Template = job.Spec.Template with { Spec = job.Spec.Template.Spec with { Containers = [new Container("main", ResourceList.Builder().Cpu(600).Build()) { RunFor = TimeSpan.FromSeconds(20) }] } } } };
        Create(cluster, job);
        var checker = new InvariantChecker(cluster.Api);
        while (cluster.Simulation.Now < SimTime.FromSeconds(80) && cluster.Simulation.RunEvents(1) != StopReason.Idle)
        {
            checker.Check();
        }

        var pods = PodsOf(cluster, "serial");
        var first = pods.OrderBy(p => p.Status.FinishedAt).First();
        var second = pods.Single(p => p != first);
        var secondBound = cluster.Log.Events.Single(e => e.Target == second.Key && e.Change.StartsWith("bound to", StringComparison.Ordinal)).Time;
        Assert.Multiple(() =>
        {
            Assert.That(secondBound, Is.GreaterThan(first.Status.FinishedAt!.Value));
            Assert.That(GetJob(cluster, "serial").Status.Succeeded, Is.EqualTo(2));
            Assert.That(GetJob(cluster, "serial").Status.Finished?.Type, Is.EqualTo(JobConditionType.Complete));
        });
    }

    [Test]
    public void A_job_is_refused_unless_its_pods_restart_never_or_on_failure_and_its_counts_are_not_negative()
    {
        var cluster = RunToCompletionTests.OneNode(cpu: 4000);
        var job = NewJob("bad", parallelism: -1, completions: 1, runFor: TimeSpan.FromSeconds(1));
        job = job with { Spec = job.Spec with { Template = job.Spec.Template with { Spec = job.Spec.Template.Spec with { RestartPolicy = RestartPolicy.Always } } } };
        var result = cluster.Client("kubectl").Create(job);

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ApiStatus.Invalid));
            Assert.That(result.Message, Does.Contain("spec.parallelism: Invalid value: -1: must be greater than or equal to 0"));
            Assert.That(result.Message, Does.Contain("spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\""));
        });
    }

    internal static Job NewJob(string name, int? parallelism, int? completions, TimeSpan runFor) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new JobSpec
        {
            Parallelism = parallelism,
            Completions = completions,
            Template = new PodTemplate
            {
                Labels = System.Collections.Immutable.ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("app", name),
                Spec = new PodSpec
                {
                    RestartPolicy = RestartPolicy.Never,
                    Containers = [new Container("main", ResourceList.Builder().Cpu(100).Memory(64L << 20).Build()) { RunFor = runFor }],
                },
            },
        },
    };

    internal static List<Pod> PodsOf(SimulatedCluster cluster, string job) =>
        cluster.Api.List(Pod.KindName).Cast<Pod>().Where(p => p.Owner is { Kind: Job.KindName } o && o.Name == job).ToList();

    internal static Job GetJob(SimulatedCluster cluster, string name) => cluster.Api.Get<Job>(new ObjectKey(Job.KindName, "default", name))!;

    private static void Create(SimulatedCluster cluster, Job job)
    {
        var result = cluster.Client("kubectl").Create(job);
        Assert.That(result.IsOk, Is.True, result.Message);
    }

    /// <summary>Runs in 100 ms steps until <paramref name="done"/> holds (at most 10 simulated minutes); false if it never did.</summary>
    private static bool RunUntil(SimulatedCluster cluster, Func<bool> done)
    {
        var limit = cluster.Simulation.Now + TimeSpan.FromMinutes(10);
        while (!done())
        {
            if (cluster.Simulation.Now >= limit)
            {
                return false;
            }

            cluster.Simulation.RunFor(TimeSpan.FromMilliseconds(100));
        }

        return true;
    }
}
