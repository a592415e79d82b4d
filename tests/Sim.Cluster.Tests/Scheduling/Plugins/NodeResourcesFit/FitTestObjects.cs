using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.NodeResourcesFit;

namespace Sim.Cluster.Tests.Scheduling.Plugins.NodeResourcesFit;

/// <summary>
/// Builders after the helpers of upstream's noderesources tests (<c>newResourcePod</c>,
/// <c>makeAllocatableResources</c>, <c>makeNode</c> …) and small adaptations to Sim's model.
/// </summary>
internal static class FitTestObjects
{
    public const string ExtendedResourceA = "example.com/aaa";
    public const string ExtendedResourceB = "example.com/bbb";
    public const string KubernetesIOResourceA = "kubernetes.io/something";
    public const string KubernetesIOResourceB = "subdomain.kubernetes.io/something";
    public const string HugePageResourceA = "hugepages-2Mi";
    public const string ExtendedResourceDra = "extended.resource.dra.io/something";
    public const string ExtendedRes = "abc.com/xyz";

    public static readonly ResourceSpec[] DefaultResources = [new("cpu", 1), new("memory", 1)];

    public static readonly ResourceSpec[] ExtendedResourceSet = [new("cpu", 1), new("memory", 1), new(ExtendedRes, 1)];

    /// <summary>
    /// A container request as upstream's <c>framework.Resource</c> turns into one in <c>newResourcePod</c>:
    /// cpu (milli), memory, pods and ephemeral-storage always given, scalars as added with <see cref="With"/>.
    /// </summary>
    public static ResourceList Usage(long milliCpu = 0, long memory = 0, long ephemeralStorage = 0) =>
        ResourceList.Builder().Cpu(milliCpu).Memory(memory).Pods(0).EphemeralStorage(ephemeralStorage).Build();

    /// <summary>The list with scalar resource <paramref name="name"/> set to <paramref name="amount"/> (added when absent).</summary>
    public static ResourceList With(this ResourceList list, string name, long amount) => list.Add(ResourceList.Builder().Set(name, amount).Build());

    /// <summary>Upstream's <c>newResourcePod</c>: one container per usage.</summary>
    public static Pod ResourcePod(params ResourceList[] usage)
    {
        var pod = St.MakePod();
        foreach (var requests in usage)
        {
            pod.Container(requests);
        }

        return pod.Obj();
    }

    /// <summary>Upstream's <c>newResourceInitPod</c>: the init containers replaced by one per usage.</summary>
    public static Pod InitPod(Pod pod, params ResourceList[] usage) =>
        pod with { Spec = pod.Spec with { InitContainers = [.. usage.Select((r, i) => new Container($"init{i}", r))] } };

    /// <summary>Upstream's <c>newResourceOverheadPod</c>.</summary>
    public static Pod OverheadPod(Pod pod, ResourceList overhead) => pod with { Spec = pod.Spec with { Overhead = overhead } };

    /// <summary>Upstream's <c>makeAllocatableResources(milliCPU, memory, pods, extendedA, storage, hugePageA)</c>.</summary>
    public static ResourceList AllocatableResources(long milliCpu, long memory, long pods, long extendedA, long storage, long hugePageA) =>
        ResourceList.Builder().Cpu(milliCpu).Memory(memory).Pods(pods).Set(ExtendedResourceA, extendedA).EphemeralStorage(storage)
            .Set(HugePageResourceA, hugePageA).Build();

    /// <summary>A node with this allocatable amount and no other attributes.</summary>
    public static Node NodeWithAllocatable(ResourceList allocatable) =>
        St.MakeNode().Name("node").With(n => n with { Status = n.Status with { Capacity = allocatable, Allocatable = allocatable } }).Obj();

    /// <summary>
    /// Upstream's <c>st.MakeNode().Capacity(...)</c>, which also sets a pod capacity of 32 unless one is given.
    /// </summary>
    public static NodeWrapper UpstreamCapacity(this NodeWrapper node, params (string Name, string Quantity)[] amounts) =>
        node.Capacity([.. amounts.Any(a => a.Name == ResourceNames.Pods) ? amounts : amounts.Append((ResourceNames.Pods, "32"))]);

    /// <summary>Upstream's <c>makeNode(name, milliCPU, memory, extendedResource)</c>.</summary>
    public static Node MakeNode(string name, long milliCpu, long memory, IReadOnlyDictionary<string, long>? extendedResources = null)
    {
        var builder = ResourceList.Builder().Cpu(milliCpu).Memory(memory);
        foreach (var (resource, amount) in extendedResources ?? new Dictionary<string, long>())
        {
            builder.Set(resource, amount);
        }

        var list = builder.Build();
        return St.MakeNode().Name(name).With(n => n with { Status = n.Status with { Capacity = list, Allocatable = list } }).Obj();
    }

    /// <summary>A pod from upstream's <c>v1.PodSpec</c> literals: containers with these requests, bound to <paramref name="nodeName"/>.</summary>
    public static Pod SpecPod(string nodeName, params ResourceList[] containers)
    {
        var pod = ResourcePod(containers);
        return pod with { Spec = pod.Spec with { NodeName = nodeName } };
    }

    /// <summary>
    /// Gives every unnamed pod a distinct name: upstream's tables leave existing pods unnamed, but Sim's
    /// snapshot keys pods by namespace and name.
    /// </summary>
    public static IEnumerable<Pod> Named(IEnumerable<Pod> pods) =>
        pods.Select((pod, i) => pod.Metadata.Name.Length != 0 ? pod : pod with { Metadata = pod.Metadata with { Name = $"existing-{i}" } });

    /// <summary>
    /// Runs PreScore (when asked) and Score for every node, in the given order, as upstream's score tests
    /// do; returns the PreScore status and the scores.
    /// </summary>
    public static (Status PreScore, long[] Scores) ScoreNodes(
        IPreScorePlugin preScore, IScorePlugin score, Pod pod, IReadOnlyList<Node> nodes, IEnumerable<Pod> existingPods, bool runPreScore = true)
    {
        var snapshot = Snapshot.Create(nodes, Named(existingPods));
        var state = new CycleState();
        var info = new PodInfo(pod);
        var status = runPreScore ? preScore.PreScore(state, info, snapshot.NodeInfos) : Status.Success;
        var scores = nodes.Select(n => status.IsSkip ? 0 : score.Score(state, info, snapshot.Get(n.Metadata.Name)!)).ToArray();
        return (status, scores);
    }

    /// <summary>Upstream's nodes of the score tables: <c>st.MakeNode().Name(name).Capacity(...)</c>.</summary>
    public static Node ScoreNode(string name, params (string Name, string Quantity)[] capacity) =>
        capacity.Length == 0 ? St.MakeNode().Name(name).Obj() : St.MakeNode().Name(name).UpstreamCapacity(capacity).Obj();

    /// <summary>
    /// The field path and error type of each validation error (<c>scoringStrategy.resources[0].weight: Invalid value</c>),
    /// what upstream's tests compare (they ignore the bad value and the detail).
    /// </summary>
    public static string[] FieldsAndTypes(IEnumerable<string> errors) =>
        [.. errors.Select(e => e.Split(": ", 3)).Select(parts => parts[0] + ": " + parts[1])];
}
