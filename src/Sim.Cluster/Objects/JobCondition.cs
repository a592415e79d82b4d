using Sim.Engine;

namespace Sim.Cluster.Objects;

/// <summary>A condition of a Job, true since <paramref name="LastTransitionTime"/>.</summary>
/// <param name="Type">Which condition.</param>
/// <param name="LastTransitionTime">When it became true.</param>
/// <param name="Reason">A machine-readable reason, e.g. <c>BackoffLimitExceeded</c>; empty for Complete.</param>
/// <param name="Message">A human-readable message.</param>
public sealed record JobCondition(JobConditionType Type, SimTime LastTransitionTime, string Reason = "", string Message = "");
