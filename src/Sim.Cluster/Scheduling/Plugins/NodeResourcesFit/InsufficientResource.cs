namespace Sim.Scheduling.Plugins.NodeResourcesFit;

/// <summary>One resource a node lacks for a pod (upstream's <c>InsufficientResource</c>).</summary>
/// <param name="ResourceName">The resource (<c>pods</c> for the pod count).</param>
/// <param name="Reason">The rejection reason, e.g. <c>Insufficient cpu</c>.</param>
/// <param name="Requested">What the pod requests (1 for the pod count).</param>
/// <param name="Used">What the node's pods already request.</param>
/// <param name="Capacity">The node's allocatable amount.</param>
/// <param name="Unresolvable">True when the request alone exceeds the allocatable amount: preemption cannot help.</param>
internal readonly record struct InsufficientResource(string ResourceName, string Reason, long Requested, long Used, long Capacity, bool Unresolvable);
