using Sim.Cluster.Resources;

namespace Sim.Cluster.Tests.Resources;

/// <summary>
/// Cases ported from Kubernetes' <c>staging/src/k8s.io/component-helpers/resource/helpers_test.go</c>
/// (TestPodRequestsAndLimits, TestPodRequestsAndLimitsWithoutOverhead, TestPodResourceRequests,
/// TestPodLevelResourceRequests without pod-level resources, TestAggregateContainerRequestsAndLimits,
/// and the NonMissingContainerRequests cases of TestPodRequestsAndLimitsVerticalScalingWrappers).
/// Cases that need pod-level resources, in-place resize status or DRA are not ported: the model has
/// none of them. Amounts are written as in the upstream tables; "S:" marks a sidecar init container.
/// </summary>
public class PodRequestsTests
{
    private static readonly object[] Cases =
    [
        // TestPodRequestsAndLimits: a container and an init container with the same requests.
        Case("just-limit-no-overhead", ["{}"], ["{}"], "{}", false, "{}"),
        Case("just-overhead", ["{}"], ["{}"], "cpu=5,memory=5", false, "cpu=5,memory=5"),
        Case("req-and-overhead", ["cpu=1,memory=10"], ["cpu=1,memory=10"], "cpu=5,memory=5", false, "cpu=6,memory=15"),
        // TestPodRequestsAndLimitsWithoutOverhead
        Case("two container no overhead - should just be sum of containers", ["cpu=1,memory=5", "cpu=4,memory=12"], [], null, true, "cpu=5,memory=17"),
        Case("two container with overhead - shouldn't consider overhead", ["cpu=1,memory=5", "cpu=4,memory=12"], [], "cpu=3,memory=8", true, "cpu=5,memory=17"),
        Case("two container with overhead, massive init - should just be the largest init", ["cpu=1,memory=5", "cpu=4,memory=12"], ["cpu=1,memory=5", "cpu=40,memory=120"], "cpu=3,memory=8", true, "cpu=40,memory=120"),
        // TestPodResourceRequests
        Case("nil options, larger init container", ["cpu=1"], ["cpu=4"], null, false, "cpu=4"),
        Case("nil options, larger containers", ["cpu=2", "cpu=3"], ["cpu=2"], null, false, "cpu=5"),
        Case("pod overhead excluded", ["cpu=2", "cpu=3"], ["cpu=2"], "cpu=1", true, "cpu=5"),
        Case("pod overhead included", ["cpu=2", "cpu=3"], ["cpu=2"], "cpu=1,memory=1Gi", false, "cpu=6,memory=1Gi"),
        Case("restartable init container", ["cpu=1"], ["S:cpu=1"], null, false, "cpu=2"),
        Case("multiple restartable init containers", ["cpu=1"], ["cpu=5", "S:cpu=1", "S:cpu=2", "S:cpu=3"], null, false, "cpu=7"),
        Case("multiple restartable and regular init containers", ["cpu=1"], ["cpu=5", "S:cpu=1", "S:cpu=2", "cpu=5", "S:cpu=3"], null, false, "cpu=8"),
        Case("restartable-init, init and regular", ["cpu=100"], ["S:cpu=10", "cpu=200"], null, false, "cpu=210"),
        Case("resized, restartable init container, infeasible, but don't use status", [], ["S:cpu=4"], null, false, "cpu=4"),
        // TestPodLevelResourceRequests, cases without pod-level resources
        Case("nil", [], [], null, false, "{}"),
        Case("only container level resources set", ["memory=3Mi,cpu=2m"], [], null, false, "memory=3Mi,cpu=2m"),
        Case("container-level resources and init container set", ["memory=3Mi,cpu=2m"], ["memory=5Mi,cpu=4m"], null, false, "memory=5Mi,cpu=4m"),
        Case("container-level resources and sidecar container set", ["memory=3Mi,cpu=2m"], ["S:memory=5Mi,cpu=4m"], null, false, "memory=8Mi,cpu=6m"),
        Case("container-level resources, init and sidecar container set", ["memory=3Mi,cpu=2m"], ["S:memory=5Mi,cpu=4m", "memory=6Mi,cpu=8m"], null, false, "memory=11Mi,cpu=12m"),
        // TestAggregateContainerRequestsAndLimits (requests only)
        Case("one container with requests", ["cpu=9"], [], null, false, "cpu=9"),
        Case("two containers with requests", ["cpu=9", "cpu=9"], [], null, false, "cpu=18"),
        Case("regular and init containers with requests", ["cpu=9"], ["cpu=9"], null, false, "cpu=9"),
        Case("regular, init and sidecar containers with requests", ["cpu=9"], ["S:cpu=8", "cpu=6"], null, false, "cpu=17"),
    ];

    [TestCaseSource(nameof(Cases))]
    public void Computes_the_effective_request_as_Kubernetes_does(string[] containers, string[] initContainers, string? overhead, bool excludeOverhead, string expected)
    {
        var request = PodRequests.Compute(
            containers.Select((text, i) => Container($"c{i}", text)).ToList(),
            initContainers.Select((text, i) => Container($"i{i}", text)).ToList(),
            overhead is null ? null : Resources(overhead),
            new PodRequestOptions(ExcludeOverhead: excludeOverhead));

        Assert.That(request, Is.EqualTo(Resources(expected)));
    }

    [Test]
    public void Non_missing_container_requests_apply_to_init_containers()
    {
        // Upstream: "non missing container requests applied to init container".
        var options = new PodRequestOptions(NonMissingContainerRequests: Resources("memory=100Mi"));

        var request = PodRequests.Compute([], [Container("i1", "cpu=1")], null, options);

        Assert.That(request, Is.EqualTo(Resources("cpu=1,memory=100Mi")));
    }

    [Test]
    public void Non_missing_container_requests_apply_to_regular_containers()
    {
        // Upstream: "non missing container requests applied to regular container".
        var options = new PodRequestOptions(NonMissingContainerRequests: Resources("memory=100Mi"));

        var request = PodRequests.Compute([Container("c1", "cpu=1")], [], null, options);

        Assert.That(request, Is.EqualTo(Resources("cpu=1,memory=100Mi")));
    }

    [Test]
    public void Scoring_defaults_fill_only_missing_requests_and_keep_explicit_zeros()
    {
        var containers = new[]
        {
            Container("no-requests", "{}"),
            Container("explicit-zero-cpu", "cpu=0"),
            Container("both", "cpu=250m,memory=64Mi"),
        };

        var request = PodRequests.Compute(containers, [], null, PodRequestOptions.ForScoring);

        Assert.Multiple(() =>
        {
            Assert.That(request.MilliCpu, Is.EqualTo(100 + 0 + 250));
            Assert.That(request.Memory, Is.EqualTo((200L << 20) + (200L << 20) + (64L << 20)));
        });
    }

    [Test]
    public void Scoring_defaults_count_sidecars_in_both_the_running_sum_and_the_init_peak()
    {
        // Derived from helpers.go (no upstream test covers it): the sidecar gets 100m, so the pod
        // runs 100m (sidecar) + 300m, and the init container peaks at 500m + 100m.
        var request = PodRequests.Compute(
            [Container("app", "cpu=300m,memory=1Mi")],
            [Container("sidecar", "S:memory=1Mi"), Container("init", "cpu=500m,memory=1Mi")],
            null,
            PodRequestOptions.ForScoring);

        Assert.That(request.MilliCpu, Is.EqualTo(600));
    }

    [Test]
    public void A_pod_without_containers_requests_nothing_even_with_scoring_defaults()
    {
        Assert.That(PodRequests.Compute([], [], null, PodRequestOptions.ForScoring).IsZero, Is.True);
    }

    private static TestCaseData Case(string name, string[] containers, string[] initContainers, string? overhead, bool excludeOverhead, string expected) =>
        new TestCaseData(containers, initContainers, overhead, excludeOverhead, expected).SetName(name);

    private static Container Container(string name, string text)
    {
        var sidecar = text.StartsWith("S:", StringComparison.Ordinal);
        return new Container(name, Resources(sidecar ? text[2..] : text), RestartAlways: sidecar);
    }

    /// <summary>"cpu=1,memory=10" as a resource list; "{}" is empty.</summary>
    private static ResourceList Resources(string text)
    {
        var map = text == "{}"
            ? []
            : text.Split(',').Select(pair => pair.Split('=')).ToDictionary(pair => pair[0], pair => pair[1]);
        Assert.That(ResourceList.TryParse(map, "test", out var list, out var errors), Is.True, string.Join("; ", errors));
        return list;
    }
}
