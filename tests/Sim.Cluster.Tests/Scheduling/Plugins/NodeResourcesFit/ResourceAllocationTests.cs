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
/// <remarks>Skipped: TestCalculateResourceAllocatableRequest (all its cases are about DRA extended resources).</remarks>
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
}
