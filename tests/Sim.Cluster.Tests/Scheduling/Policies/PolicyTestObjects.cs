using Sim.Cluster.Objects;
using Sim.Engine.Randomness;
using Sim.Scheduling;
using Sim.Scheduling.Policies;

namespace Sim.Cluster.Tests.Scheduling.Policies;

/// <summary>Small clusters and runners for the catalogue's plugins and policies at the snapshot level.</summary>
internal static class PolicyTestObjects
{
    /// <summary>A node of <paramref name="cpu"/> cores and <paramref name="memoryGi"/> GiB (and GPUs when given), 110 pods.</summary>
    public static Node NodeOf(string name, int cpu = 4, int memoryGi = 16, int gpus = 0, string? zone = null)
    {
        var node = St.MakeNode().Name(name);
        node = gpus == 0
            ? node.Capacity(("cpu", $"{cpu}"), ("memory", $"{memoryGi}Gi"), ("pods", "110"))
            : node.Capacity(("cpu", $"{cpu}"), ("memory", $"{memoryGi}Gi"), ("pods", "110"), ("nvidia.com/gpu", $"{gpus}"));
        if (zone is not null)
        {
            node = node.Label(Node.ZoneLabel, zone);
        }

        return node.Obj();
    }

    /// <summary>A pod already bound to <paramref name="node"/> that requests <paramref name="requests"/>.</summary>
    public static Pod Bound(string name, string node, params (string Name, string Quantity)[] requests) =>
        St.MakePod().Name(name).Node(node).Req(requests).Obj();

    /// <summary>A pending pod requesting <paramref name="requests"/>.</summary>
    public static PodInfo Pending(string name, params (string Name, string Quantity)[] requests) =>
        St.MakePod().Name(name).Req(requests).Info();

    /// <summary>Every node's raw score and its normalized score from <paramref name="plugin"/>, by node name.</summary>
    public static Dictionary<string, (long Raw, long Normalized)> Scores(IScorePlugin plugin, Snapshot snapshot, PodInfo pod)
    {
        var state = new CycleState();
        var nodes = snapshot.NodeInfos;
        var scores = nodes.Select(n => new NodeScore(n.Name, plugin.Score(state, pod, n))).ToArray();
        var raw = scores.Select(s => s.Score).ToArray();
        if (plugin is IScoreExtensions extensions)
        {
            Assert.That(extensions.NormalizeScore(state, pod, scores).IsSuccess, Is.True);
        }

        return Enumerable.Range(0, nodes.Count).ToDictionary(i => nodes[i].Name, i => (raw[i], scores[i].Score), StringComparer.Ordinal);
    }

    /// <summary>Builds the policy's (only) profile over <paramref name="snapshot"/> through <see cref="SchedulerProfile.Build"/>.</summary>
    public static SchedulerProfile Profile(Policy policy, Snapshot snapshot, ulong seed = 1) =>
        SchedulerProfile.Build(policy.Configuration().Profiles.Single(), PolicyCatalogue.CreateRegistry(), new FrameworkHandle(snapshot, seed: seed));

    /// <summary>The policy called <paramref name="name"/>.</summary>
    public static Policy Get(string name)
    {
        Assert.That(PolicyCatalogue.TryGet(name, out var policy), Is.True, name);
        return policy!;
    }

    /// <summary>
    /// Places <paramref name="pods"/> one after another with the policy as the scheduler would: each on
    /// the node the algorithm suggests, then counted on it in the snapshot. Returns the nodes in order.
    /// </summary>
    public static List<string> PlaceAll(string policyName, Snapshot snapshot, IEnumerable<PodInfo> pods, ulong seed = 1)
    {
        var policy = Get(policyName);
        var config = policy.Configuration();
        var profile = Profile(policy, snapshot, seed);
        var algorithm = new SchedulingAlgorithm(new RandomStreams(seed).For("select-host"), config.PercentageOfNodesToScore);
        var placed = new List<string>();
        foreach (var pod in pods)
        {
            var result = algorithm.Schedule(profile, new CycleState(), pod, snapshot);
            Assert.That(result.Status.IsSuccess, Is.True, $"{policyName}: {pod.Name}: {result.Status.Message}");
            var node = result.SuggestedHost!;
            var bound = new PodInfo(pod.Pod with { Spec = pod.Pod.Spec with { NodeName = node } });
            Assert.That(snapshot.AddPod(bound, node), Is.True);
            placed.Add(node);
        }

        return placed;
    }
}
