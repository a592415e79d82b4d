using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Cluster.Controllers;

/// <summary>What the job controller keeps per Job: its pods as the watch showed them, which it has counted, its expectations and its failure back-off.</summary>
internal sealed class JobPods
{
    public Dictionary<ObjectKey, Pod> Pods { get; } = [];

    /// <summary>Uids of the pods already added to the status' succeeded or failed counts.</summary>
    public HashSet<long> Counted { get; } = [];

    /// <summary>Pods deleted before a sync counted them.</summary>
    public List<Pod> Gone { get; } = [];

    public PodExpectations? Expectations { get; set; }

    /// <summary>Upstream's backoffRecord: failures since the last success, and when the last of them finished.</summary>
    public int FailuresAfterLastSuccess { get; private set; }

    public SimTime? LastFailureAt { get; private set; }

    public bool Satisfied(SimTime now)
    {
        if (Expectations is not { } expectations)
        {
            return true;
        }

        if ((expectations.PendingCreations <= 0 && expectations.PendingDeletions <= 0) || now - expectations.SetAt > ReplicationManager.ExpectationsTimeout)
        {
            Expectations = null;
            return true;
        }

        return false;
    }

    /// <summary>Upstream's newBackoffRecord: a success resets the count, then failures after the last success add to it.</summary>
    public void RecordFinished(List<SimTime> succeeded, List<SimTime> failed)
    {
        if (succeeded.Count == 0 && failed.Count == 0)
        {
            return;
        }

        var lastSuccess = SimTime.Zero;
        if (succeeded.Count > 0)
        {
            FailuresAfterLastSuccess = 0;
            LastFailureAt = null;
            foreach (var time in succeeded)
            {
                lastSuccess = time > lastSuccess ? time : lastSuccess;
            }
        }

        foreach (var time in failed)
        {
            if (succeeded.Count > 0 && time <= lastSuccess)
            {
                continue;
            }

            FailuresAfterLastSuccess++;
            LastFailureAt = LastFailureAt is { } last && last > time ? last : time;
        }
    }

    /// <summary>Upstream's getRemainingTimeForFailuresCount: 10 s × 2^(failures − 1), at most 10 min, less the time since the last failure.</summary>
    public TimeSpan RemainingBackOff(SimTime now)
    {
        if (FailuresAfterLastSuccess == 0 || LastFailureAt is not { } last)
        {
            return TimeSpan.Zero;
        }

        var backOff = JobController.PodFailureBackOff;
        for (var i = 1; i < FailuresAfterLastSuccess; i++)
        {
            backOff *= 2;
            if (backOff >= JobController.MaxPodFailureBackOff)
            {
                backOff = JobController.MaxPodFailureBackOff;
                break;
            }
        }

        var elapsed = now - last;
        return backOff < elapsed ? TimeSpan.Zero : backOff - elapsed;
    }
}
