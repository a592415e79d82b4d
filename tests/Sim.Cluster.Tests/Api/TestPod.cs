using Sim.Cluster.Api;

namespace Sim.Cluster.Tests.Api;

/// <summary>A minimal namespaced kind for API server tests: a pod reduced to the node it is bound to.</summary>
internal sealed record TestPod : ApiObject
{
    public const string KindName = "Pod";

    public string NodeName { get; init; } = string.Empty;

    public override string Kind => KindName;

    public static TestPod Named(string name, string nodeName = "") =>
        new() { Metadata = new ObjectMeta { Name = name, Namespace = "default" }, NodeName = nodeName };
}
