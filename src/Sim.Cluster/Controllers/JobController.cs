using System.Globalization;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Cluster.Controllers;

/// <summary>
/// The job controller (upstream <c>pkg/controller/job/job_controller.go</c>, simplified) with the
/// TTL-after-finished controller folded in: it runs each Job's pods until enough succeed, fails the
/// Job when too many fail, and deletes a finished Job once its <c>ttlSecondsAfterFinished</c> passed.
/// </summary>
/// <remarks>
/// <para>
/// As upstream's <c>syncJob</c> for NonIndexed Jobs: a sync counts the pods the Job owns from a cache
/// fed by its watch. Pods that newly succeeded, or failed (phase Failed, or deleted or being deleted
/// before they succeeded, as upstream's <c>isPodFailed</c>), are added to the status' counts once
/// each, so the counts survive the pods' deletion. The Job fails (condition Failed, reason
/// <c>BackoffLimitExceeded</c>) when failed &gt; <c>backoffLimit</c>, or, under restartPolicy
/// OnFailure, when its active pods' container restarts reach it; its active pods are then deleted.
/// Otherwise <c>manageJob</c> keeps min(parallelism, completions − succeeded) pods active (with
/// completions unset: parallelism until the first success, then no new pods), deleting the surplus
/// ranked by <see cref="ActivePodsRanking"/> or creating the shortfall, at most 500 per sync, in
/// slow-start batches of 1, 2, 4 … one API round trip apart. Replacements for failed pods wait
/// upstream's pod failure back-off: 10 s doubling per failure since the last success, at most
/// 10 minutes, from the last failure. The Job is Complete (with <c>completionTime</c>) when
/// succeeded reaches completions (or, with completions unset, any pod succeeded) and no pod is
/// active. Expectations, as the replication controller's, stop a Job from acting again until the
/// watch has shown its own creations and deletions (or 5 minutes passed).
/// </para>
/// <para>
/// Pods are named <c>&lt;job&gt;-&lt;n&gt;</c> with n counting the Job's creations from 0 (upstream:
/// random suffixes), carry the template's labels (with the job-name labels, see
/// <see cref="JobDefaults"/>) and the Job as controlling owner. Once a Job has finished and its
/// <see cref="JobSpec.TtlSecondsAfterFinished"/> has passed since the Complete or Failed condition,
/// the controller deletes it as <c>ttl-after-finished-controller</c>, and the
/// <see cref="GarbageCollector"/> deletes its pods.
/// </para>
/// <para>
/// Simplifications: no finalizers (the controller remembers which pods it has counted; a pod
/// removed before the controller saw it finish counts as failed); the Failed and Complete conditions
/// are set at once (upstream 1.31+ first sets FailureTarget or SuccessCriteriaMet and waits for the
/// pods to terminate); no Indexed completion mode, suspension, <c>activeDeadlineSeconds</c>, pod
/// failure policy, per-index back-off, <c>podReplacementPolicy</c> (terminating pods are replaced at
/// once, upstream's default) or ready-pod counts; no adoption or orphaning.
/// </para>
/// </remarks>
public sealed class JobController
{
    /// <summary>At most this many pod creations or deletions per sync (upstream's MaxPodCreateDeletePerSync).</summary>
    public const int MaxPodCreateDeletePerSync = 500;

    /// <summary>The replacement delay after one failure; it doubles with each failure since the last success (upstream's DefaultJobPodFailureBackOff).</summary>
    public static readonly TimeSpan PodFailureBackOff = TimeSpan.FromSeconds(10);

    /// <summary>The longest replacement delay (upstream's MaxJobPodFailureBackOff).</summary>
    public static readonly TimeSpan MaxPodFailureBackOff = TimeSpan.FromMinutes(10);

    private const string Name = "job-controller";

    private readonly SimulatedCluster _cluster;
    private readonly ApiClient _api;
    private readonly ApiClient _ttl;
    private readonly WorkQueue<ObjectKey> _queue;
    private readonly Dictionary<long, JobPods> _jobs = [];
    private readonly Dictionary<ObjectKey, long> _nameCounters = [];

    internal JobController(SimulatedCluster cluster)
    {
        _cluster = cluster;
        _api = cluster.Client(Name);
        _ttl = cluster.Client("ttl-after-finished-controller");
        _queue = new WorkQueue<ObjectKey>(cluster.Simulation, Sync);
        _api.Watch(cluster.WatchOptionsFor(Name, Job.KindName), OnJob);
        _api.Watch(cluster.WatchOptionsFor(Name, Pod.KindName, Pod.OwnerKindIndex, Job.KindName), OnPod);
    }

    /// <summary>Syncs run so far.</summary>
    public long Syncs { get; private set; }

    private Simulation Simulation => _cluster.Simulation;

    private void OnJob(WatchEvent e)
    {
        if (e.Type == WatchEventType.Deleted)
        {
            _jobs.Remove(e.Item.Metadata.Uid);
        }

        _queue.Add(e.Item.Key);
    }

    private void OnPod(WatchEvent e)
    {
        var pod = (Pod)e.Item;
        if (pod.Owner is not { Kind: Job.KindName } owner)
        {
            return;
        }

        if (!_jobs.TryGetValue(owner.Uid, out var job))
        {
            if (e.Type == WatchEventType.Deleted)
            {
                return; // the Job is gone (its pods are deleted after it) or this pod was never seen
            }

            _jobs[owner.Uid] = job = new JobPods();
        }

        var uid = pod.Metadata.Uid;
        if (e.Type == WatchEventType.Deleted)
        {
            job.Pods.Remove(pod.Key);
            if (!job.Counted.Remove(uid))
            {
                job.Gone.Add(pod); // removed before a sync counted it
            }
        }
        else
        {
            job.Pods[pod.Key] = pod;
        }

        if (job.Expectations is { } expectations)
        {
            if (e.Type == WatchEventType.Added)
            {
                expectations.PendingCreations--;
            }
            else if ((e.Type == WatchEventType.Deleted || pod.DeletionRequestedAt is not null) && expectations.SeenDeleting.Add(uid))
            {
                expectations.PendingDeletions--;
            }
        }

        _queue.Add(new ObjectKey(Job.KindName, pod.Metadata.Namespace, owner.Name));
    }

    private JobPods Pods(long jobUid)
    {
        if (!_jobs.TryGetValue(jobUid, out var pods))
        {
            _jobs[jobUid] = pods = new JobPods();
        }

        return pods;
    }

    private void EnqueueAfter(ObjectKey key, TimeSpan delay) => Simulation.ScheduleAfter(delay, () => _queue.Add(key));

    private void Sync(ObjectKey key)
    {
        Syncs++;
        var job = _api.Get<Job>(key);
        if (job is null)
        {
            return;
        }

        if (job.Status.Finished is { } finished)
        {
            ExpireAfterTtl(job, finished.LastTransitionTime);
            return;
        }

        var now = Simulation.Now;
        var state = Pods(job.Metadata.Uid);
        var satisfied = state.Satisfied(now);
        var active = new List<Pod>();
        var newSucceeded = new List<SimTime>();
        var newFailed = new List<SimTime>();
        foreach (var pod in state.Pods.Values)
        {
            if (pod.IsActive)
            {
                active.Add(pod);
            }
            else if (state.Counted.Add(pod.Metadata.Uid))
            {
                (pod.Status.Phase == PodPhase.Succeeded ? newSucceeded : newFailed).Add(FinishedAt(pod));
            }
        }

        foreach (var pod in state.Gone)
        {
            (pod.Status.Phase == PodPhase.Succeeded ? newSucceeded : newFailed).Add(FinishedAt(pod));
        }

        state.Gone.Clear();
        active.Sort(static (a, b) => a.Key.CompareTo(b.Key));
        state.RecordFinished(newSucceeded, newFailed);

        var spec = job.Spec;
        var succeeded = job.Status.Succeeded + newSucceeded.Count;
        var failed = job.Status.Failed + newFailed.Count;
        var activeCount = active.Count;
        JobCondition? condition = null;
        if (failed > spec.BackoffLimit || PastBackoffLimitOnFailure(spec, active))
        {
            condition = new JobCondition(JobConditionType.Failed, now, "BackoffLimitExceeded", "Job has reached the specified backoff limit");
            foreach (var pod in active)
            {
                PodDeletion.Request(_api, pod.Key, now, "deleted (job failed)");
            }

            activeCount = 0;
        }
        else
        {
            if (satisfied)
            {
                activeCount = Manage(job, state, active, succeeded, now);
            }

            var complete = spec.Completions is { } completions ? succeeded >= completions && activeCount == 0 : succeeded > 0 && activeCount == 0;
            if (complete)
            {
                condition = new JobCondition(JobConditionType.Complete, now);
            }
        }

        var current = job.Status;
        var status = current with
        {
            Active = activeCount,
            Succeeded = succeeded,
            Failed = failed,
            StartTime = current.StartTime ?? now,
            CompletionTime = condition?.Type == JobConditionType.Complete ? now : current.CompletionTime,
            Conditions = condition is null ? current.Conditions : current.Conditions.Add(condition),
        };
        if (status.Active != current.Active || status.Succeeded != current.Succeeded || status.Failed != current.Failed
            || status.StartTime != current.StartTime || condition is not null)
        {
            var change = string.Create(CultureInfo.InvariantCulture, $"status: {activeCount} active, {succeeded} succeeded, {failed} failed");
            var result = _api.Update(job with { Status = status }, condition is null ? change : $"{change}; {condition.Type} {condition.Reason}".TrimEnd());
            if (result.IsOk && condition is not null)
            {
                ExpireAfterTtl(result.Value!, now);
            }
        }
    }

    /// <summary>Upstream's manageJob: deletes the surplus or creates the shortfall of active pods; returns the active count after it.</summary>
    private int Manage(Job job, JobPods state, List<Pod> active, int succeeded, SimTime now)
    {
        var spec = job.Spec;
        var parallelism = spec.Parallelism ?? 1;
        int wantActive;
        if (spec.Completions is { } completions)
        {
            wantActive = Math.Clamp(completions - succeeded, 0, parallelism);
        }
        else
        {
            wantActive = succeeded > 0 ? active.Count : parallelism;
        }

        if (active.Count > wantActive)
        {
            var toDelete = Math.Min(active.Count - wantActive, MaxPodCreateDeletePerSync);
            var ranked = ActivePodsRanking.RankByRelatedPodsOnSameNode(active, []);
            Array.Sort(ranked, new ActivePodsRanking(now));
            state.Expectations = new PodExpectations { PendingDeletions = toDelete, SetAt = now };
            for (var i = 0; i < toDelete; i++)
            {
                PodDeletion.Request(_api, ranked[i].Pod.Key, now, "deleted (too many active pods)");
            }

            return active.Count - toDelete;
        }

        if (active.Count == wantActive)
        {
            return active.Count;
        }

        var wait = state.RemainingBackOff(now);
        if (wait > TimeSpan.Zero)
        {
            EnqueueAfter(job.Key, wait);
            return active.Count;
        }

        var toCreate = Math.Min(wantActive - active.Count, MaxPodCreateDeletePerSync);
        state.Expectations = new PodExpectations { PendingCreations = toCreate, SetAt = now };
        new SlowStart(this, job, state, toCreate).Run();
        return active.Count + toCreate;
    }

    /// <summary>Upstream's pastBackoffLimitOnFailure: under OnFailure, the container restarts of the pending and running pods reach the limit.</summary>
    private static bool PastBackoffLimitOnFailure(JobSpec spec, List<Pod> active)
    {
        if (spec.Template.Spec.RestartPolicy != RestartPolicy.OnFailure)
        {
            return false;
        }

        var restarts = 0;
        foreach (var pod in active)
        {
            if (pod.Status.Phase is PodPhase.Pending or PodPhase.Running)
            {
                restarts += pod.Status.Restarts;
            }
        }

        return spec.BackoffLimit == 0 ? restarts > 0 : restarts >= spec.BackoffLimit;
    }

    /// <summary>Upstream's getFinishedTime, as our pods record it: when it finished, else when its deletion was requested, else its creation.</summary>
    private static SimTime FinishedAt(Pod pod) => pod.Status.FinishedAt ?? pod.DeletionRequestedAt ?? pod.Metadata.CreatedAt;

    /// <summary>The TTL-after-finished controller: deletes the finished Job once its TTL has passed, else looks again then.</summary>
    private void ExpireAfterTtl(Job job, SimTime finishedAt)
    {
        if (job.Spec.TtlSecondsAfterFinished is not { } ttl)
        {
            return;
        }

        var expireAt = finishedAt + TimeSpan.FromSeconds(ttl);
        var now = Simulation.Now;
        if (now >= expireAt)
        {
            _ttl.Delete(job.Key, change: "deleted (ttlSecondsAfterFinished)");
        }
        else
        {
            EnqueueAfter(job.Key, expireAt - now);
        }
    }

    private bool CreatePod(Job job)
    {
        var counter = _nameCounters.GetValueOrDefault(job.Key);
        _nameCounters[job.Key] = counter + 1;
        var template = job.Spec.Template;
        var pod = new Pod
        {
            Metadata = new ObjectMeta
            {
                Name = string.Create(CultureInfo.InvariantCulture, $"{job.Metadata.Name}-{counter}"),
                Namespace = job.Metadata.Namespace,
                Labels = template.Labels,
                Annotations = template.Annotations,
            },
            // Pods of one template share its spec (immutable) unless it names a node.
            Spec = template.Spec.NodeName.Length == 0 ? template.Spec : template.Spec with { NodeName = string.Empty },
            Owner = new OwnerReference(Job.KindName, job.Metadata.Name, job.Metadata.Uid),
        };
        return _api.Create(pod).IsOk;
    }

    /// <summary>Upstream's slow-start batches: 1, 2, 4 … creations, each batch one API round trip after the previous one succeeded.</summary>
    private sealed class SlowStart(JobController controller, Job job, JobPods state, int total)
    {
        private int _done;
        private int _batch = 1;

        public void Run()
        {
            var size = Math.Min(_batch, total - _done);
            var failed = 0;
            for (var i = 0; i < size; i++)
            {
                if (!controller.CreatePod(job))
                {
                    failed++;
                }
            }

            _done += size;
            _batch *= 2;
            if (failed > 0)
            {
                // The creations that will not happen are no longer expected (upstream: skipped pods).
                if (state.Expectations is { } expectations)
                {
                    expectations.PendingCreations -= failed + (total - _done);
                }

                return;
            }

            if (_done < total)
            {
                controller.Simulation.ScheduleAfter(controller._cluster.Timings.ApiRequestLatency, static s => s.Run(), this);
            }
        }
    }
}
