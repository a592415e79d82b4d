using System.Text.Json;
using Sim.Cluster.Objects;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.InterPodAffinity;
using Plugin = Sim.Scheduling.Plugins.InterPodAffinity.InterPodAffinity;

namespace Sim.Cluster.Tests.Scheduling.Plugins.InterPodAffinity;

/// <summary>
/// Ported from upstream's <c>pkg/scheduler/framework/plugins/interpodaffinity/plugin_test.go</c>
/// (Test_isSchedulableAfterPodChange, Test_isSchedulableAfterNodeChange) and the InterPodAffinityArgs cases of
/// <c>pkg/scheduler/apis/config/validation/validation_pluginargs_test.go</c> (TestValidateInterPodAffinityArgs).
/// </summary>
/// <remarks>
/// Skipped: TestPodAffinitySignature (pod signatures for opportunistic batching are not modelled). Upstream's
/// pod UIDs "p" and "other" are the uids 1 and 2 here.
/// </remarks>
public class InterPodAffinityPluginTests
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    private static IEnumerable<TestCaseData> PodChangeCases()
    {
        static PodWrapper P() => St.MakePod().Uid(1).Name("p");
        static PodWrapper Other() => St.MakePod().Uid(2);
        static PodWrapper AffinityIn(PodWrapper p) => p.PodAffinityIn("service", "region", "securityscan", "value2");
        static PodWrapper AntiAffinityIn(PodWrapper p) => p.PodAntiAffinityIn("service", "region", "securityscan", "value2");
        static PodWrapper TwoAffinityTerms(PodWrapper p) => p.PodAffinityExists("aaa", "hostname").PodAffinityExists("bbb", "hostname");

        static TestCaseData Case(string name, PodWrapper pod, PodWrapper? oldPod, PodWrapper? newPod, QueueingHint expected) =>
            new TestCaseData(pod.Obj(), oldPod?.Obj(), newPod?.Obj(), expected).SetName(name);

        yield return Case("add a pod which matches the pod affinity", AffinityIn(P()), null, Other().Node("fake-node").Label("service", "securityscan"), QueueingHint.Queue);
        yield return Case("add an un-scheduled pod", AffinityIn(P()), null, Other().Label("service", "securityscan"), QueueingHint.QueueSkip);
        yield return Case("add a pod which doesn't match the pod affinity", AffinityIn(P()), null, Other().Node("fake-node").Label("aaa", "a"), QueueingHint.QueueSkip);
        yield return Case(
            "update a pod from non-match to match pod affinity", AffinityIn(P()),
            Other().Node("fake-node").Label("aaa", "a"), Other().Node("fake-node").Label("service", "securityscan"), QueueingHint.Queue);
        yield return Case(
            "the updating pod matches target pod's affinity both before and after label changes", AffinityIn(P()),
            Other().Node("fake-node").Label("service", "value2"), Other().Node("fake-node").Label("service", "securityscan"), QueueingHint.QueueSkip);
        yield return Case(
            "update an un-scheduled pod", AffinityIn(P()),
            Other().Label("aaa", "a"), Other().Label("service", "securityscan"), QueueingHint.QueueSkip);
        yield return Case(
            "update a pod from match to non-match the pod affinity", AffinityIn(P()),
            Other().Node("fake-node").Label("service", "securityscan"), Other().Node("fake-node").Label("aaa", "a"), QueueingHint.QueueSkip);
        yield return Case(
            "update a pod from match to non-match pod's affinity - multiple terms case", TwoAffinityTerms(P()),
            Other().Node("fake-node").Label("aaa", "a"), Other().Node("fake-node").Label("service", "securityscan"), QueueingHint.QueueSkip);
        yield return Case(
            "update a pod from non-match to match pod's affinity - multiple terms case", TwoAffinityTerms(P()),
            Other().Node("fake-node").Label("aaa", "a"), Other().Node("fake-node").Label("aaa", string.Empty).Label("bbb", string.Empty), QueueingHint.Queue);
        yield return Case(
            "updated pod is the target pod", P().Label("foo", "baz"),
            P().Label("foo", "bar"), P().Label("foo", "baz"), QueueingHint.Queue);
        yield return Case(
            "modify pod label to change it from satisfying pod anti-affinity to not satisfying anti-affinity", AntiAffinityIn(P()),
            Other().Node("fake-node").Label("service", "securityscan"), Other().Node("fake-node").Label("service", "aaaa"), QueueingHint.Queue);
        yield return Case(
            "modify pod label to change it from not satisfying pod anti-affinity to satisfying anti-affinity", AntiAffinityIn(P()),
            Other().Node("fake-node").Label("service", "bbb"), Other().Node("fake-node").Label("service", "securityscan"), QueueingHint.QueueSkip);
        yield return Case("delete a pod which doesn't match pod's anti-affinity", AntiAffinityIn(P()), Other().Node("fake-node").Label("aaa", "a"), null, QueueingHint.QueueSkip);
        yield return Case("delete a pod which matches pod's anti-affinity", AntiAffinityIn(P()), Other().Node("fake-node").Label("service", "securityscan"), null, QueueingHint.Queue);
        yield return Case(
            "delete a pod with anti-affinity that matches pending pod", St.MakePod().Name("p").Label("service", "securityscan"),
            AntiAffinityIn(St.MakePod().Node("fake-node")), null, QueueingHint.Queue);
        yield return Case(
            "delete a pod with anti-affinity that doesn't match pending pod", St.MakePod().Name("p").Label("service", "foo"),
            AntiAffinityIn(St.MakePod().Node("fake-node")), null, QueueingHint.QueueSkip);
        yield return Case(
            "delete a pod which doesn't match pending pod's anti-affinity and has anti-affinity that doesn't match pending pod",
            AntiAffinityIn(St.MakePod().Name("p")).Label("service", "foo"),
            AntiAffinityIn(St.MakePod().Node("fake-node")).Label("service", "foo"), null, QueueingHint.QueueSkip);
    }

    [TestCaseSource(nameof(PodChangeCases))]
    public void Test_isSchedulableAfterPodChange(Pod pod, Pod? oldPod, Pod? newPod, QueueingHint expected) =>
        Assert.That(Plugin.IsSchedulableAfterPodChange(pod, oldPod, newPod), Is.EqualTo(expected));

    private static IEnumerable<TestCaseData> NodeChangeCases()
    {
        static PodWrapper AffinityIn(string topologyKey) => St.MakePod().Name("p").PodAffinityIn("service", topologyKey, "securityscan", "value2");
        static PodWrapper AntiAffinity() => St.MakePod().Name("p").PodAntiAffinity("zone", "another=label");
        static NodeWrapper NodeA() => St.MakeNode().Name("node-a");

        static TestCaseData Case(string name, PodWrapper pod, NodeWrapper? oldNode, NodeWrapper newNode, QueueingHint expected) =>
            new TestCaseData(pod.Obj(), oldNode?.Obj(), newNode.Obj(), expected).SetName(name);

        // Affinity.
        yield return Case("add a new node with matched pod affinity topologyKey", AffinityIn("zone"), null, NodeA().Label("zone", "zone1"), QueueingHint.Queue);
        yield return Case("add a new node without matched topologyKey", AffinityIn("region"), null, NodeA().Label("zone", "zone1"), QueueingHint.QueueSkip);
        yield return Case("update node label but not topologyKey", AffinityIn("zone"), NodeA().Label("aaa", "a"), NodeA().Label("aaa", "b"), QueueingHint.QueueSkip);
        yield return Case(
            "update node label that isn't related to the pod affinity", AffinityIn("zone"),
            NodeA().Label("zone", "zone1"), NodeA().Label("zone", "zone1").Label("unrelated-label", "unrelated"), QueueingHint.QueueSkip);
        yield return Case("update node with different affinity topologyKey value", AffinityIn("zone"), NodeA().Label("zone", "zone1"), NodeA().Label("zone", "zone2"), QueueingHint.Queue);
        yield return Case("update node to have the affinity topology label", AffinityIn("zone"), NodeA().Label("aaa", "a"), NodeA().Label("zone", "zone1"), QueueingHint.Queue);

        // Anti-affinity.
        yield return Case("add a new node with matched pod anti-affinity topologyKey", AntiAffinity(), null, NodeA().Label("zone", "zone1"), QueueingHint.Queue);
        yield return Case("add a new node without matched pod anti-affinity topologyKey", AntiAffinity(), null, NodeA(), QueueingHint.Queue);
        yield return Case(
            "update node label that isn't related to the pod anti-affinity", AntiAffinity(),
            NodeA().Label("zone", "zone1"), NodeA().Label("zone", "zone1").Label("unrelated-label", "unrelated"), QueueingHint.QueueSkip);
        yield return Case("update node with different anti-affinity topologyKey value", AntiAffinity(), NodeA().Label("zone", "zone1"), NodeA().Label("zone", "zone2"), QueueingHint.Queue);
        yield return Case("update node to have the anti-affinity topology label", AntiAffinity(), NodeA().Label("aaa", "a"), NodeA().Label("zone", "zone1"), QueueingHint.QueueSkip);
        yield return Case("update node label not to have anti-affinity topology label", AntiAffinity(), NodeA().Label("zone", "zone1"), NodeA().Label("aaa", "a"), QueueingHint.Queue);
    }

    [TestCaseSource(nameof(NodeChangeCases))]
    public void Test_isSchedulableAfterNodeChange(Pod pod, Node? oldNode, Node newNode, QueueingHint expected) =>
        Assert.That(Plugin.IsSchedulableAfterNodeChange(pod, oldNode, newNode), Is.EqualTo(expected));

    private static IEnumerable<TestCaseData> ValidateArgsCases()
    {
        yield return new TestCaseData(new InterPodAffinityArgs { HardPodAffinityWeight = 10 }, null).SetName("valid args");
        yield return new TestCaseData(new InterPodAffinityArgs { HardPodAffinityWeight = -1 }, "hardPodAffinityWeight: Invalid value: -1: not in valid range [0-100]")
            .SetName("hardPodAffinityWeight less than min");
        yield return new TestCaseData(new InterPodAffinityArgs { HardPodAffinityWeight = 101 }, "hardPodAffinityWeight: Invalid value: 101: not in valid range [0-100]")
            .SetName("hardPodAffinityWeight more than max");
    }

    [TestCaseSource(nameof(ValidateArgsCases))]
    public void TestValidateInterPodAffinityArgs(InterPodAffinityArgs args, string? wantErr)
    {
        var errors = args.Validate(string.Empty);

        Assert.That(errors, wantErr is null ? Is.Empty : Is.EqualTo(new[] { wantErr }));
    }

    [Test]
    public void Args_default_to_upstreams_defaults()
    {
        var args = new InterPodAffinityArgs();

        Assert.That((args.HardPodAffinityWeight, args.IgnorePreferredTermsOfExistingPods), Is.EqualTo((1, false)));
    }

    [TestCase("{}", 1, false)]
    [TestCase("{\"hardPodAffinityWeight\": 0}", 0, false)]
    [TestCase("{\"hardPodAffinityWeight\": 5, \"ignorePreferredTermsOfExistingPods\": true}", 5, true)]
    public void Args_read_upstreams_camel_case_fields(string json, int hardPodAffinityWeight, bool ignorePreferredTermsOfExistingPods)
    {
        var args = JsonSerializer.Deserialize<InterPodAffinityArgs>(json, WebJson)!;

        Assert.That((args.HardPodAffinityWeight, args.IgnorePreferredTermsOfExistingPods), Is.EqualTo((hardPodAffinityWeight, ignorePreferredTermsOfExistingPods)));
    }

    [Test]
    public void Validation_errors_carry_the_field_path()
    {
        var errors = new InterPodAffinityArgs { HardPodAffinityWeight = 101 }.Validate("profiles[0].pluginConfig[2].args");

        Assert.That(errors, Is.EqualTo(new[] { "profiles[0].pluginConfig[2].args.hardPodAffinityWeight: Invalid value: 101: not in valid range [0-100]" }));
    }

    [Test]
    public void Registry_builds_the_plugin_with_its_args_and_rejects_invalid_args()
    {
        var registry = PluginRegistry.CreateDefault();
        var handle = new FrameworkHandle(Sim.Scheduling.Snapshot.Create([]));

        var plugin = (Plugin)registry.Create(Plugin.PluginName, new InterPodAffinityArgs { HardPodAffinityWeight = 7 }, handle);
        var defaulted = (Plugin)registry.Create(Plugin.PluginName, null, handle);

        Assert.That((plugin.Args.HardPodAffinityWeight, defaulted.Args.HardPodAffinityWeight), Is.EqualTo((7, 1)));
        Assert.That(
            () => registry.Create(Plugin.PluginName, new InterPodAffinityArgs { HardPodAffinityWeight = -1 }, handle),
            Throws.TypeOf<SchedulerConfigException>().With.Message.EqualTo("hardPodAffinityWeight: Invalid value: -1: not in valid range [0-100]"));
    }
}
