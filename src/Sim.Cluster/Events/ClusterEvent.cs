using Sim.Cluster.Api;
using Sim.Engine;

namespace Sim.Cluster.Events;

/// <summary>One state change in the cluster: when, who made it, to what, and what changed.</summary>
/// <param name="Time">The simulated time of the write.</param>
/// <param name="Component">Who wrote it, e.g. <c>kubelet/node-3</c> or <c>replicaset-controller</c>.</param>
/// <param name="Target">The object written.</param>
/// <param name="Change">What changed, in a few words, e.g. <c>created</c>, <c>bound to node-3</c>, <c>Running</c>.</param>
/// <param name="ResourceVersion">The store's resource version after the write.</param>
public sealed record ClusterEvent(SimTime Time, string Component, ObjectKey Target, string Change, long ResourceVersion);
