using System.Collections.Immutable;
using Sim.Engine;

namespace Sim.Cluster.Objects;

/// <summary>What the job controller last observed of a Job.</summary>
public sealed record JobStatus
{
    /// <summary>Its pods that are neither finished nor being deleted.</summary>
    public int Active { get; init; }

    /// <summary>Its pods that succeeded, counted once each, also after they are deleted.</summary>
    public int Succeeded { get; init; }

    /// <summary>Its pods that failed (or were deleted before they succeeded), counted once each.</summary>
    public int Failed { get; init; }

    /// <summary>When the job controller first synced it.</summary>
    public SimTime? StartTime { get; init; }

    /// <summary>When it became Complete; null until then (and for a failed Job).</summary>
    public SimTime? CompletionTime { get; init; }

    /// <summary>Its conditions: at most one of Complete and Failed, which is final.</summary>
    public ImmutableArray<JobCondition> Conditions { get; init; } = [];

    /// <summary>The Complete or Failed condition, or null while the Job runs.</summary>
    public JobCondition? Finished
    {
        get
        {
            foreach (var condition in Conditions)
            {
                if (condition.Type is JobConditionType.Complete or JobConditionType.Failed)
                {
                    return condition;
                }
            }

            return null;
        }
    }
}
