using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.NodeResourcesFit;
using static Sim.Cluster.Tests.Scheduling.Plugins.NodeResourcesFit.FitTestObjects;
using Fit = Sim.Scheduling.Plugins.NodeResourcesFit.NodeResourcesFit;
using Insufficient = (string Name, string Reason, long Requested, long Used, long Capacity, bool Unresolvable);

namespace Sim.Cluster.Tests.Scheduling.Plugins.NodeResourcesFit;

/// <summary>
/// Filter and score cases ported from upstream's
/// <c>pkg/scheduler/framework/plugins/noderesources/fit_test.go</c> (v1.34+): TestEnoughRequests,
/// TestPreFilterDisabled, TestNotEnoughRequests, TestStorageRequests, TestRestartableInitContainers, TestFitScore.
/// The queueing-hint functions of that file are in <see cref="FitQueueingHintTests"/>.
/// </summary>
/// <remarks>
/// Skipped cases (Sim models no pod-level resources, no DRA, and runs with SidecarContainers on):
/// <list type="bullet">
/// <item>TestEnoughRequests: "both pod-level and container-level resources fit", "pod-level cpu resource not fit",
/// "pod-level memory resource not fit", "pod-level hugepages resource fit", "both pod-level and container-level hugepages
/// resource fit", "pod-level hugepages resource not fit", "one pod-level cpu resource fits and all init and non-init
/// containers resources fit" (pod-level resources); "extended resource backed by DRA", "extended resource backed by DRA,
/// nil draManager", "extended resource was backed by Device Plugin (Allocatable: 0)" (their outcome depends on DRA
/// extended resources). Three cases run upstream with DRAExtendedResource on are ported because their outcome does not
/// depend on it: "extended resource backed by device plugin", "extended resource NOT backed by DRA" and "extended
/// resource was backed by Device Plugin (Allocatable: 0), global cache".</item>
/// <item>TestRestartableInitContainers: "not allow pod with restartable init containers if sidecar containers is
/// disabled" (the SidecarContainers feature is always on in Sim).</item>
/// <item>TestFitScore: "test case for ScoringStrategy LeastAllocated with Extended resources" and its "if PreScore is
/// not called" twin (DRA-backed extended resources).</item>
/// </list>
/// Existing pods, unnamed upstream, get distinct names: Sim's snapshot keys pods by name.
/// </remarks>
public class FitTests
{
    private static readonly ResourceList EnoughNode = AllocatableResources(10, 20, 32, 5, 20, 5);

    private static readonly object[] EnoughRequestsCases =
    [
        Enough("no resources requested always fits", St.MakePod().Obj(), ResourcePod(Usage(10, 20))),
        Enough("too many resources fails", ResourcePod(Usage(1, 1)), ResourcePod(Usage(10, 20)),
            StatusCode.Unschedulable, [Err("cpu"), Err("memory")], ("cpu", Err("cpu"), 1, 10, 10, false), ("memory", Err("memory"), 1, 20, 20, false)),
        Enough("too many resources fails due to init container cpu", InitPod(ResourcePod(Usage(1, 1)), Usage(3, 1)), ResourcePod(Usage(8, 19)),
            StatusCode.Unschedulable, [Err("cpu")], ("cpu", Err("cpu"), 3, 8, 10, false)),
        Enough("too many resources fails due to highest init container cpu", InitPod(ResourcePod(Usage(1, 1)), Usage(3, 1), Usage(2, 1)), ResourcePod(Usage(8, 19)),
            StatusCode.Unschedulable, [Err("cpu")], ("cpu", Err("cpu"), 3, 8, 10, false)),
        Enough("too many resources fails due to init container memory", InitPod(ResourcePod(Usage(1, 1)), Usage(1, 3)), ResourcePod(Usage(9, 19)),
            StatusCode.Unschedulable, [Err("memory")], ("memory", Err("memory"), 3, 19, 20, false)),
        Enough("too many resources fails due to highest init container memory", InitPod(ResourcePod(Usage(1, 1)), Usage(1, 3), Usage(1, 2)), ResourcePod(Usage(9, 19)),
            StatusCode.Unschedulable, [Err("memory")], ("memory", Err("memory"), 3, 19, 20, false)),
        Enough("init container fits because it's the max, not sum, of containers and init containers", InitPod(ResourcePod(Usage(1, 1)), Usage(1, 1)), ResourcePod(Usage(9, 19))),
        Enough("multiple init containers fit because it's the max, not sum, of containers and init containers",
            InitPod(ResourcePod(Usage(1, 1)), Usage(1, 1), Usage(1, 1)), ResourcePod(Usage(9, 19))),
        Enough("both resources fit", ResourcePod(Usage(1, 1)), ResourcePod(Usage(5, 5))),
        Enough("one resource memory fits", ResourcePod(Usage(2, 1)), ResourcePod(Usage(9, 5)),
            StatusCode.Unschedulable, [Err("cpu")], ("cpu", Err("cpu"), 2, 9, 10, false)),
        Enough("one resource cpu fits", ResourcePod(Usage(1, 2)), ResourcePod(Usage(5, 19)),
            StatusCode.Unschedulable, [Err("memory")], ("memory", Err("memory"), 2, 19, 20, false)),
        Enough("equal edge case", ResourcePod(Usage(5, 1)), ResourcePod(Usage(5, 19))),
        Enough("equal edge case for init container", InitPod(ResourcePod(Usage(4, 1)), Usage(5, 1)), ResourcePod(Usage(5, 19))),
        Enough("extended resource fits", ResourcePod(Usage().With(ExtendedResourceA, 1)), ResourcePod(Usage())),
        Enough("extended resource fits for init container", InitPod(ResourcePod(Usage()), Usage().With(ExtendedResourceA, 1)), ResourcePod(Usage())),
        Enough("extended resource capacity enforced", ResourcePod(Usage(1, 1).With(ExtendedResourceA, 10)), ResourcePod(Usage(0, 0).With(ExtendedResourceA, 0)),
            StatusCode.UnschedulableAndUnresolvable, [Err(ExtendedResourceA)], (ExtendedResourceA, Err(ExtendedResourceA), 10, 0, 5, true)),
        Enough("extended resource capacity enforced for init container", InitPod(ResourcePod(Usage()), Usage(1, 1).With(ExtendedResourceA, 10)),
            ResourcePod(Usage(0, 0).With(ExtendedResourceA, 0)),
            StatusCode.UnschedulableAndUnresolvable, [Err(ExtendedResourceA)], (ExtendedResourceA, Err(ExtendedResourceA), 10, 0, 5, true)),
        Enough("extended resource allocatable enforced", ResourcePod(Usage(1, 1).With(ExtendedResourceA, 1)), ResourcePod(Usage(0, 0).With(ExtendedResourceA, 5)),
            StatusCode.Unschedulable, [Err(ExtendedResourceA)], (ExtendedResourceA, Err(ExtendedResourceA), 1, 5, 5, false)),
        Enough("extended resource allocatable enforced for init container", InitPod(ResourcePod(Usage()), Usage(1, 1).With(ExtendedResourceA, 1)),
            ResourcePod(Usage(0, 0).With(ExtendedResourceA, 5)),
            StatusCode.Unschedulable, [Err(ExtendedResourceA)], (ExtendedResourceA, Err(ExtendedResourceA), 1, 5, 5, false)),
        Enough("extended resource allocatable enforced for multiple containers",
            ResourcePod(Usage(1, 1).With(ExtendedResourceA, 3), Usage(1, 1).With(ExtendedResourceA, 3)), ResourcePod(Usage(0, 0).With(ExtendedResourceA, 2)),
            StatusCode.UnschedulableAndUnresolvable, [Err(ExtendedResourceA)], (ExtendedResourceA, Err(ExtendedResourceA), 6, 2, 5, true)),
        Enough("extended resource allocatable admits multiple init containers",
            InitPod(ResourcePod(Usage()), Usage(1, 1).With(ExtendedResourceA, 3), Usage(1, 1).With(ExtendedResourceA, 3)), ResourcePod(Usage(0, 0).With(ExtendedResourceA, 2))),
        Enough("extended resource allocatable enforced for multiple init containers",
            InitPod(ResourcePod(Usage()), Usage(1, 1).With(ExtendedResourceA, 6), Usage(1, 1).With(ExtendedResourceA, 3)), ResourcePod(Usage(0, 0).With(ExtendedResourceA, 2)),
            StatusCode.UnschedulableAndUnresolvable, [Err(ExtendedResourceA)], (ExtendedResourceA, Err(ExtendedResourceA), 6, 2, 5, true)),
        Enough("extended resource allocatable enforced for unknown resource", ResourcePod(Usage(1, 1).With(ExtendedResourceB, 1)), ResourcePod(Usage(0, 0)),
            StatusCode.UnschedulableAndUnresolvable, [Err(ExtendedResourceB)], (ExtendedResourceB, Err(ExtendedResourceB), 1, 0, 0, true)),
        Enough("extended resource allocatable enforced for unknown resource for init container", InitPod(ResourcePod(Usage()), Usage(1, 1).With(ExtendedResourceB, 1)),
            ResourcePod(Usage(0, 0)),
            StatusCode.UnschedulableAndUnresolvable, [Err(ExtendedResourceB)], (ExtendedResourceB, Err(ExtendedResourceB), 1, 0, 0, true)),
        Enough("kubernetes.io resource capacity enforced", ResourcePod(Usage(1, 1).With(KubernetesIOResourceA, 10)), ResourcePod(Usage(0, 0)),
            StatusCode.UnschedulableAndUnresolvable, [Err(KubernetesIOResourceA)], (KubernetesIOResourceA, Err(KubernetesIOResourceA), 10, 0, 0, true)),
        Enough("kubernetes.io resource capacity enforced for init container", InitPod(ResourcePod(Usage()), Usage(1, 1).With(KubernetesIOResourceB, 10)),
            ResourcePod(Usage(0, 0)),
            StatusCode.UnschedulableAndUnresolvable, [Err(KubernetesIOResourceB)], (KubernetesIOResourceB, Err(KubernetesIOResourceB), 10, 0, 0, true)),
        Enough("hugepages resource capacity enforced", ResourcePod(Usage(1, 1).With(HugePageResourceA, 10)), ResourcePod(Usage(0, 0).With(HugePageResourceA, 0)),
            StatusCode.UnschedulableAndUnresolvable, [Err(HugePageResourceA)], (HugePageResourceA, Err(HugePageResourceA), 10, 0, 5, true)),
        Enough("hugepages resource capacity enforced for init container", InitPod(ResourcePod(Usage()), Usage(1, 1).With(HugePageResourceA, 10)),
            ResourcePod(Usage(0, 0).With(HugePageResourceA, 0)),
            StatusCode.UnschedulableAndUnresolvable, [Err(HugePageResourceA)], (HugePageResourceA, Err(HugePageResourceA), 10, 0, 5, true)),
        Enough("hugepages resource allocatable enforced for multiple containers",
            ResourcePod(Usage(1, 1).With(HugePageResourceA, 3), Usage(1, 1).With(HugePageResourceA, 3)), ResourcePod(Usage(0, 0).With(HugePageResourceA, 2)),
            StatusCode.UnschedulableAndUnresolvable, [Err(HugePageResourceA)], (HugePageResourceA, Err(HugePageResourceA), 6, 2, 5, true)),
        Enough("skip checking ignored extended resource", ResourcePod(Usage(1, 1).With(ExtendedResourceB, 1)), ResourcePod(Usage(0, 0)),
            args: new NodeResourcesFitArgs { IgnoredResources = ["example.com/bbb"] }),
        Enough("resources + pod overhead fits", OverheadPod(ResourcePod(Usage(1, 1)), St.Res(("cpu", "3m"), ("memory", "13"))), ResourcePod(Usage(5, 5))),
        Enough("requests + overhead does not fit for memory", OverheadPod(ResourcePod(Usage(1, 1)), St.Res(("cpu", "1m"), ("memory", "15"))), ResourcePod(Usage(5, 5)),
            StatusCode.Unschedulable, [Err("memory")], ("memory", Err("memory"), 16, 5, 20, false)),
        Enough("skip checking ignored extended resource via resource groups",
            ResourcePod(Usage(1, 1).With(ExtendedResourceB, 1).With(KubernetesIOResourceA, 1)), ResourcePod(Usage(0, 0)),
            StatusCode.UnschedulableAndUnresolvable, [Err(KubernetesIOResourceA)], [(KubernetesIOResourceA, Err(KubernetesIOResourceA), 1, 0, 0, true)],
            new NodeResourcesFitArgs { IgnoredResourceGroups = ["example.com"] }),
        Enough("skip checking extended resource request with quantity zero via resource groups",
            ResourcePod(Usage(1, 1).With(ExtendedResourceA, 0)), ResourcePod(Usage(0, 0).With(ExtendedResourceA, 6))),
        Enough("skip checking resource request with quantity zero", ResourcePod(Usage().With(ExtendedResourceA, 1)), ResourcePod(Usage(20, 30).With(ExtendedResourceA, 1))),
        Enough("extended resource backed by device plugin", ResourcePod(Usage().With(ExtendedResourceA, 1)), ResourcePod(Usage())),
        Enough("extended resource NOT backed by DRA", ResourcePod(Usage(1, 1).With(ExtendedResourceB, 1)), ResourcePod(Usage(0, 0)),
            StatusCode.UnschedulableAndUnresolvable, [Err(ExtendedResourceB)], ("example.com/bbb", "Insufficient example.com/bbb", 1, 0, 0, true)),
        Enough("extended resource backed by DRA not enabled", ResourcePod(Usage(1, 1).With(ExtendedResourceDra, 1)), ResourcePod(Usage(0, 0)),
            StatusCode.UnschedulableAndUnresolvable, [Err(ExtendedResourceDra)],
            ("extended.resource.dra.io/something", "Insufficient extended.resource.dra.io/something", 1, 0, 0, true)),
        Enough("extended resource was backed by Device Plugin (Allocatable: 0), global cache",
            ResourcePod(Usage().With(ExtendedResourceA, 1)), ResourcePod(Usage().With(ExtendedResourceA, 0))),
    ];

    private static readonly object[] NotEnoughRequestsCases =
    [
        NotEnough("even without specified resources, predicate fails when there's no space for additional pod", St.MakePod().Obj(), ResourcePod(Usage(10, 20))),
        NotEnough("even if both resources fit, predicate fails when there's no space for additional pod", ResourcePod(Usage(1, 1)), ResourcePod(Usage(5, 5))),
        NotEnough("even for equal edge case, predicate fails when there's no space for additional pod", ResourcePod(Usage(5, 1)), ResourcePod(Usage(5, 19))),
        NotEnough("even for equal edge case, predicate fails when there's no space for additional pod due to init container",
            InitPod(ResourcePod(Usage(5, 1)), Usage(5, 1)), ResourcePod(Usage(5, 19))),
    ];

    private static readonly object[] StorageRequestsCases =
    [
        Storage("empty storage requested, and pod fits", ResourcePod(Usage(1, 1)), ResourcePod(Usage(2, 10))),
        Storage("storage ephemeral local storage request exceeds allocatable", ResourcePod(Usage(ephemeralStorage: 25)), ResourcePod(Usage(2, 2)),
            StatusCode.UnschedulableAndUnresolvable, Err("ephemeral-storage")),
        Storage("ephemeral local storage is sufficient", InitPod(ResourcePod(Usage(ephemeralStorage: 5))), ResourcePod(Usage(2, 2, 10))),
        Storage("pod fits", ResourcePod(Usage(ephemeralStorage: 10)), ResourcePod(Usage(2, 2))),
    ];

    private static readonly object[] RestartableInitContainersCases =
    [
        Restartable("allow pod without restartable init containers if sidecar containers is disabled", PlainPod()),
        Restartable("allow pod without restartable init containers if sidecar containers is enabled", PlainPod()),
        Restartable("allow pod with restartable init containers if sidecar containers is enabled", PodWithSidecar(null, null)),
        Restartable("allow pod if the total requested resources do not exceed the node's allocatable resources", PodWithSidecar(St.Res(("cpu", "1m")), St.Res(("cpu", "1m")))),
        Restartable("not allow pod if the total requested resources do exceed the node's allocatable resources",
            PodWithSidecar(St.Res(("cpu", "1m")), St.Res(("cpu", "2m"))), StatusCode.UnschedulableAndUnresolvable, Err("cpu")),
    ];

    private static readonly object[] FitScoreCases =
    [
        Score("test case for ScoringStrategy RequestedToCapacityRatio case1", ("3000", "5000"), Ratio((0, 10), (100, 0)), true, 10, 32),
        Score("test case for ScoringStrategy RequestedToCapacityRatio case2", ("3000", "5000"), Ratio((0, 0), (100, 10)), true, 95, 68),
        Score("test case for ScoringStrategy MostAllocated", ("1000", "2000"), Strategy(ScoringStrategyType.MostAllocated), true, 67, 36),
        Score("test case for ScoringStrategy LeastAllocated", ("1000", "2000"), Strategy(ScoringStrategyType.LeastAllocated), true, 32, 63),
        Score("test case for ScoringStrategy RequestedToCapacityRatio case1 if PreScore is not called", ("3000", "5000"), Ratio((0, 10), (100, 0)), false, 10, 32),
        Score("test case for ScoringStrategy MostAllocated if PreScore is not called", ("1000", "2000"), Strategy(ScoringStrategyType.MostAllocated), false, 67, 36),
        Score("test case for ScoringStrategy LeastAllocated if PreScore is not called", ("1000", "2000"), Strategy(ScoringStrategyType.LeastAllocated), false, 32, 63),
        SidecarScore("test case for ScoringStrategy MostAllocated with sidecar container", Strategy(ScoringStrategyType.MostAllocated), 67, 45),
        SidecarScore("test case for ScoringStrategy LeastAllocated with sidecar container", Strategy(ScoringStrategyType.LeastAllocated), 32, 55),
    ];

    [TestCaseSource(nameof(EnoughRequestsCases))]
    public void TestEnoughRequests(Pod pod, Pod existing, NodeResourcesFitArgs args, StatusCode wantCode, string[] wantReasons, Insufficient[] wantInsufficient)
    {
        var node = new NodeInfo(NodeWithAllocatable(EnoughNode), existing);
        var plugin = new Fit(args);
        var state = new CycleState();
        var info = new PodInfo(pod);

        Assert.That(plugin.PreFilter(state, info, [node], out _).IsSuccess, Is.True, "prefilter");
        var status = plugin.Filter(state, info, node);
        Assert.That((status.Code, status.Reasons), Is.EqualTo((wantCode, (IReadOnlyList<string>)wantReasons)), "status");

        var insufficient = ResourceFit.FitsRequest(Fit.PreFilterState(state)!, node) ?? [];
        Assert.That(insufficient.Select(r => (r.ResourceName, r.Reason, r.Requested, r.Used, r.Capacity, r.Unresolvable)), Is.EqualTo(wantInsufficient), "insufficient resources");
    }

    [Test]
    public void TestPreFilterDisabled()
    {
        var node = new NodeInfo(St.MakeNode().Name("node").Obj());
        var plugin = new Fit(new NodeResourcesFitArgs());

        var status = plugin.Filter(new CycleState(), new PodInfo(St.MakePod().Obj()), node);

        Assert.That(status.Code, Is.EqualTo(StatusCode.Error));
        Assert.That(status.Message, Does.EndWith("not found"));
    }

    [TestCaseSource(nameof(NotEnoughRequestsCases))]
    public void TestNotEnoughRequests(Pod pod, Pod existing)
    {
        var node = new NodeInfo(NodeWithAllocatable(AllocatableResources(10, 20, 1, 0, 0, 0)), existing);

        var status = RunFilter(pod, node);

        Assert.That((status.Code, status.Reasons), Is.EqualTo((StatusCode.Unschedulable, (IReadOnlyList<string>)["Too many pods"])));
    }

    [TestCaseSource(nameof(StorageRequestsCases))]
    public void TestStorageRequests(Pod pod, Pod existing, StatusCode wantCode, string[] wantReasons)
    {
        var node = new NodeInfo(NodeWithAllocatable(EnoughNode), existing);

        var status = RunFilter(pod, node);

        Assert.That((status.Code, status.Reasons), Is.EqualTo((wantCode, (IReadOnlyList<string>)wantReasons)));
    }

    [TestCaseSource(nameof(RestartableInitContainersCases))]
    public void TestRestartableInitContainers(Pod pod, StatusCode wantCode, string[] wantReasons)
    {
        var node = new NodeInfo(NodeWithAllocatable(AllocatableResources(2, 0, 1, 0, 0, 0)));

        var status = RunFilter(pod, node);

        Assert.That((status.Code, status.Reasons), Is.EqualTo((wantCode, (IReadOnlyList<string>)wantReasons)));
    }

    [TestCaseSource(nameof(FitScoreCases))]
    public void TestFitScore(Pod pod, Node[] nodes, Pod[] existingPods, ScoringStrategy strategy, bool runPreScore, long[] expected)
    {
        var plugin = new Fit(new NodeResourcesFitArgs { ScoringStrategy = strategy });

        var (status, scores) = ScoreNodes(plugin, plugin, pod, nodes, existingPods, runPreScore);

        Assert.That(status.IsSuccess, Is.True, "PreScore");
        Assert.That(scores, Is.EqualTo(expected));
    }

    private static Status RunFilter(Pod pod, NodeInfo node)
    {
        var plugin = new Fit(new NodeResourcesFitArgs());
        var state = new CycleState();
        var info = new PodInfo(pod);
        var preFilter = plugin.PreFilter(state, info, [node], out _);
        Assert.That(preFilter.IsSuccess, Is.True, "prefilter");
        return plugin.Filter(state, info, node);
    }

    private static string Err(string resource) => $"Insufficient {resource}";

    private static TestCaseData Enough(string name, Pod pod, Pod existing) => Enough(name, pod, existing, StatusCode.Success, [], []);

    private static TestCaseData Enough(string name, Pod pod, Pod existing, NodeResourcesFitArgs args) => Enough(name, pod, existing, StatusCode.Success, [], [], args);

    private static TestCaseData Enough(string name, Pod pod, Pod existing, StatusCode code, string[] reasons, params Insufficient[] insufficient) =>
        Enough(name, pod, existing, code, reasons, insufficient, null);

    private static TestCaseData Enough(string name, Pod pod, Pod existing, StatusCode code, string[] reasons, Insufficient[] insufficient, NodeResourcesFitArgs? args) =>
        new TestCaseData(pod, existing, args ?? new NodeResourcesFitArgs(), code, reasons, insufficient).SetName(name);

    private static TestCaseData NotEnough(string name, Pod pod, Pod existing) => new TestCaseData(pod, existing).SetName(name);

    private static TestCaseData Storage(string name, Pod pod, Pod existing, StatusCode code = StatusCode.Success, params string[] reasons) =>
        new TestCaseData(pod, existing, code, reasons).SetName(name);

    private static TestCaseData Restartable(string name, Pod pod, StatusCode code = StatusCode.Success, params string[] reasons) =>
        new TestCaseData(pod, code, reasons).SetName(name);

    // newPod in TestRestartableInitContainers: one container without requests.
    private static Pod PlainPod() => St.MakePod().Container(ResourceList.Empty).Obj();

    private static Pod PodWithSidecar(ResourceList? request, ResourceList? sidecarRequest)
    {
        var pod = St.MakePod().Container(request ?? ResourceList.Empty).Obj();
        return pod with { Spec = pod.Spec with { InitContainers = [new Container("restartable-init", sidecarRequest ?? ResourceList.Empty, RestartAlways: true)] } };
    }

    private static ScoringStrategy Strategy(string type) => new() { Type = type, Resources = [.. DefaultResources] };

    private static ScoringStrategy Ratio(params (int Utilization, int Score)[] shape) => new()
    {
        Type = ScoringStrategyType.RequestedToCapacityRatio,
        Resources = [.. DefaultResources],
        RequestedToCapacityRatio = new() { Shape = [.. shape.Select(p => new UtilizationShapePoint(p.Utilization, p.Score))] },
    };

    // The two nodes and existing pods most TestFitScore cases share.
    private static TestCaseData Score(string name, (string Cpu, string Memory) request, ScoringStrategy strategy, bool runPreScore, params long[] expected) =>
        new TestCaseData(
            St.MakePod().Req(("cpu", request.Cpu), ("memory", request.Memory)).Obj(),
            new[]
            {
                St.MakeNode().Name("node1").Capacity(("cpu", "4000"), ("memory", "10000")).Obj(),
                St.MakeNode().Name("node2").Capacity(("cpu", "6000"), ("memory", "10000")).Obj(),
            },
            new[]
            {
                St.MakePod().Node("node1").Req(("cpu", "2000"), ("memory", "4000")).Obj(),
                St.MakePod().Node("node2").Req(("cpu", "1000"), ("memory", "2000")).Obj(),
            },
            strategy,
            runPreScore,
            expected).SetName(name);

    private static TestCaseData SidecarScore(string name, ScoringStrategy strategy, params long[] expected) =>
        new TestCaseData(
            St.MakePod().Req(("cpu", "1000"), ("memory", "2000")).Obj(),
            new[]
            {
                St.MakeNode().Name("node1").Capacity(("cpu", "4000"), ("memory", "10000")).Obj(),
                St.MakeNode().Name("node2").Capacity(("cpu", "4000"), ("memory", "10000")).Obj(),
            },
            new[]
            {
                St.MakePod().Node("node1").Req(("cpu", "1000"), ("memory", "2000")).SidecarReq(("cpu", "1000"), ("memory", "2000")).Obj(),
                St.MakePod().Node("node2").Req(("cpu", "1000"), ("memory", "2000")).Obj(),
            },
            strategy,
            true,
            expected).SetName(name);
}
