using Sim.Cluster.Labels;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.NodeAffinity;
using static Sim.Cluster.Tests.Scheduling.Plugins.NodeAffinity.Na;
using NodeAffinityPlugin = Sim.Scheduling.Plugins.NodeAffinity.NodeAffinity;

namespace Sim.Cluster.Tests.Scheduling.Plugins.NodeAffinity;

/// <summary>
/// Upstream's TestValidateNodeAffinityArgs, ported from
/// <c>pkg/scheduler/apis/config/validation/validation_pluginargs_test.go</c>: every case. As upstream
/// (which ignores the bad value and detail), each error is checked for its field path and type.
/// </summary>
public class NodeAffinityArgsTests
{
    private static readonly TestCaseData[] Cases =
    [
        new TestCaseData(new NodeAffinityArgs(), Array.Empty<string>()).SetName("empty"),
        new TestCaseData(
            new NodeAffinityArgs
            {
                AddedAffinity = new AddedNodeAffinity
                {
                    RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector { NodeSelectorTerms = [Exprs(Req("label-1", SelectorOperator.In, "label-1-val"))] },
                    PreferredDuringSchedulingIgnoredDuringExecution = [Weighted(1, Fields(NameIn("node-1")))],
                },
            },
            Array.Empty<string>()).SetName("valid added affinity"),
        new TestCaseData(
            new NodeAffinityArgs
            {
                AddedAffinity = new AddedNodeAffinity
                {
                    RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector { NodeSelectorTerms = [Exprs(Req("invalid/label/key", SelectorOperator.In, "label-1-val"))] },
                    PreferredDuringSchedulingIgnoredDuringExecution = [Weighted(1, Fields(NameIn("node-1", "node-2")))],
                },
            },
            new[]
            {
                "addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key: Invalid value: ",
                "addedAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].matchFields[0].values: Invalid value: ",
            }).SetName("invalid added affinity"),
    ];

    [TestCaseSource(nameof(Cases))]
    public void TestValidateNodeAffinityArgs(NodeAffinityArgs args, string[] wantErrorPrefixes)
    {
        var errors = args.Validate(string.Empty);

        Assert.That(errors, Has.Count.EqualTo(wantErrorPrefixes.Length));
        for (var i = 0; i < wantErrorPrefixes.Length; i++)
        {
            Assert.That(errors[i], Does.StartWith(wantErrorPrefixes[i]));
        }
    }

    [Test]
    public void Errors_are_named_under_the_given_path()
    {
        var args = new NodeAffinityArgs
        {
            AddedAffinity = new AddedNodeAffinity { PreferredDuringSchedulingIgnoredDuringExecution = [Weighted(1, Exprs(Req("a", SelectorOperator.Exists, "x")))] },
        };

        Assert.That(
            args.Validate("profiles[0].pluginConfig[1].args"),
            Is.EqualTo(new[]
            {
                "profiles[0].pluginConfig[1].args.addedAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].matchExpressions[0].values: "
                + "Invalid value: [\"x\"]: values set must be empty for exists and does not exist",
            }));
    }

    [Test]
    public void The_plugin_refuses_args_that_do_not_validate()
    {
        var args = new NodeAffinityArgs
        {
            AddedAffinity = new AddedNodeAffinity { RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector { NodeSelectorTerms = [Fields(Req("metadata.name", SelectorOperator.Exists))] } },
        };

        Assert.That(() => new NodeAffinityPlugin(args), Throws.TypeOf<SchedulerConfigException>().With.Message.Contains("matchFields[0].operator: Unsupported value: \"Exists\""));
    }
}
