using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.NodeResourcesFit;

namespace Sim.Cluster.Tests.Scheduling.Plugins.NodeResourcesFit;

/// <summary>
/// TestResourceAllocationScorerCalculateRequests, ported from upstream's
/// <c>pkg/scheduler/framework/plugins/noderesources/resource_allocation_test.go</c>: the pod requests the
/// NodeResourcesFit strategies score with (100m cpu and 200 MiB memory for containers that request none).
/// </summary>
/// <remarks>
/// TestCalculateResourceAllocatableRequest: the two device-plugin cases are ported ("device-plugin-resource-feature-enabled"
/// runs upstream with DRAExtendedResource on, but a resource the node's allocatable lists takes the same path either way);
/// the seven "DRA-backed-resource-*" cases are skipped (DRA is not modelled). TestDeviceMatchCaching, TestNodeMatchCaching
/// and TestNodeMatchesCacheHit test DRA caches and are skipped.
/// </remarks>
public class ResourceAllocationTests
{
    private const long OneMi = 1048576;

    private static readonly object[] CalculateRequestsCases =
    [
        Case("overhead only", [], [], St.Res(("cpu", "1"), ("memory", "1Mi")), 1000, OneMi),
        Case("1x requestless container", [ResourceList.Empty], [], null, PodRequests.DefaultMilliCpuRequest, PodRequests.DefaultMemoryRequest),
        Case("2x requestless container", [ResourceList.Empty, ResourceList.Empty], [], null,
            2 * PodRequests.DefaultMilliCpuRequest, 2 * PodRequests.DefaultMemoryRequest),
        Case("request container + requestless container", [St.Res(("cpu", "1"), ("memory", "1Mi")), ResourceList.Empty], [], null,
            1000 + PodRequests.DefaultMilliCpuRequest, OneMi + PodRequests.DefaultMemoryRequest),
        Case("container + requestless container + overhead", [St.Res(("cpu", "1"), ("memory", "1Mi")), ResourceList.Empty], [], St.Res(("cpu", "1"), ("memory", "1Mi")),
            2000 + PodRequests.DefaultMilliCpuRequest, (2 * OneMi) + PodRequests.DefaultMemoryRequest),
        Case("init container + container + requestless container + overhead", [St.Res(("cpu", "1"), ("memory", "1Mi")), ResourceList.Empty], [St.Res(("cpu", "3"))],
            St.Res(("cpu", "1"), ("memory", "1Mi")), 4000, (2 * OneMi) + PodRequests.DefaultMemoryRequest),
        Case("requestless init container + small init container + small container ", [St.Res(("cpu", "3m"), ("memory", "3"))],
            [ResourceList.Empty, St.Res(("cpu", "1m"), ("memory", "1"))], null, PodRequests.DefaultMilliCpuRequest, PodRequests.DefaultMemoryRequest),
        Case("requestless init container + small init container + small container + requestless container ", [St.Res(("cpu", "3m"), ("memory", "3")), ResourceList.Empty],
            [ResourceList.Empty, St.Res(("cpu", "1m"), ("memory", "1"))], null, 3 + PodRequests.DefaultMilliCpuRequest, 3 + PodRequests.DefaultMemoryRequest),
    ];

    private static readonly object[] AllocatableRequestCases =
    [
        new TestCaseData(1L, 4L, 1L).SetName("device-plugin-resource-feature-disabled"),
        new TestCaseData(1L, 4L, 1L).SetName("device-plugin-resource-feature-enabled"),
    ];

    [TestCaseSource(nameof(CalculateRequestsCases))]
    public void TestResourceAllocationScorerCalculateRequests(Pod pod, long expectedCpu, long expectedMemory)
    {
        // Upstream uses a zero-value scorer: useRequested is false, as for the three NodeResourcesFit strategies.
        var scorer = new LeastAllocatedScorer(ResourceSpec.Defaults);
        var info = new PodInfo(pod);

        Assert.That(
            (scorer.CalculatePodResourceRequest(info, "cpu"), scorer.CalculatePodResourceRequest(info, "memory")),
            Is.EqualTo((expectedCpu, expectedMemory)));
    }

    private static TestCaseData Case(string name, ResourceList[] containers, ResourceList[] initContainers, ResourceList? overhead, long cpu, long memory)
    {
        var pod = St.MakePod().Obj();
        pod = pod with
        {
            Spec = pod.Spec with
            {
                Containers = [.. containers.Select((r, i) => new Container($"c{i}", r))],
                InitContainers = [.. initContainers.Select((r, i) => new Container($"init{i}", r))],
                Overhead = overhead,
            },
        };
        return new TestCaseData(pod, cpu, memory).SetName(name);
    }

    [TestCaseSource(nameof(AllocatableRequestCases))]
    public void TestCalculateResourceAllocatableRequest(long podRequest, long expectedAllocatable, long expectedRequested)
    {
        const string explicitExtendedResource = "extended.resource.dra.io/something";
        var node = new NodeInfo(St.MakeNode().Name("resource-node").Capacity((explicitExtendedResource, "4"), ("pods", "32")).Obj());
        var scorer = new LeastAllocatedScorer(ResourceSpec.Defaults);

        Assert.That(
            scorer.CalculateResourceAllocatableRequest(node, explicitExtendedResource, podRequest),
            Is.EqualTo((expectedAllocatable, expectedRequested)));
    }
}
