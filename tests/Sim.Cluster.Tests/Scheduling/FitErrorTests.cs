using Sim.Cluster.Labels;
using Sim.Cluster.Objects.Scheduling;
using Sim.Engine.Randomness;
using Sim.Scheduling;

namespace Sim.Cluster.Tests.Scheduling;

/// <summary>The unschedulable message, as upstream's <c>FitError.Error()</c> (pkg/scheduler/framework/types.go).</summary>
public class FitErrorTests
{
    [Test]
    public void Nodes_left_out_by_a_prefilter_node_set_are_counted_under_the_plugins_that_set_it()
    {
        var snapshot = Snapshot.Create(
        [
            St.MakeNode().Name("n1").Capacity(("cpu", "1"), ("pods", "110")).Obj(),
            St.MakeNode().Name("n2").Capacity(("cpu", "8"), ("pods", "110")).Obj(),
            St.MakeNode().Name("n3").Capacity(("cpu", "8"), ("pods", "110")).Obj(),
        ]);
        var config = TestPlugins.Minimal();
        config = config with { Plugins = config.Plugins with { MultiPoint = config.Plugins.MultiPoint with { Enabled = config.Plugins.MultiPoint.Enabled.Add(new PluginRef("NodeAffinity")) } } };
        var profile = SchedulerProfile.Build(config, TestPlugins.Registry(), new FrameworkHandle(snapshot));
        var pod = St.MakePod().Name("p").Req(("cpu", "2"))
            .RequiredNodeTerm(new NodeSelectorTerm { MatchFields = [new NodeSelectorRequirement("metadata.name", SelectorOperator.In, ["n1"])] })
            .Info();

        var result = new SchedulingAlgorithm(new RandomStreams(1).For("t")).Schedule(profile, new CycleState(), pod, snapshot);

        Assert.That(result.SuggestedHost, Is.Null);
        Assert.That(result.FitErrorMessage(), Is.EqualTo("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]."));
        Assert.That(result.UnschedulablePlugins, Is.EquivalentTo(new[] { "NodeAffinity", TestPlugins.CpuFit.PluginName }));
    }

    [Test]
    public void A_node_set_naming_no_existing_node_leaves_every_node_out()
    {
        var snapshot = Snapshot.Create([St.MakeNode().Name("n1").Capacity(("cpu", "1")).Obj(), St.MakeNode().Name("n2").Capacity(("cpu", "1")).Obj()]);
        var config = TestPlugins.Minimal();
        config = config with { Plugins = config.Plugins with { MultiPoint = config.Plugins.MultiPoint with { Enabled = config.Plugins.MultiPoint.Enabled.Add(new PluginRef("NodeAffinity")) } } };
        var profile = SchedulerProfile.Build(config, TestPlugins.Registry(), new FrameworkHandle(snapshot));
        var pod = St.MakePod().Name("p").Req(("cpu", "100m"))
            .RequiredNodeTerm(new NodeSelectorTerm { MatchFields = [new NodeSelectorRequirement("metadata.name", SelectorOperator.In, ["gone"])] })
            .Info();

        var result = new SchedulingAlgorithm(new RandomStreams(1).For("t")).Schedule(profile, new CycleState(), pod, snapshot);

        Assert.That(result.SuggestedHost, Is.Null);
        Assert.That(result.FitErrorMessage(), Is.EqualTo("0/2 nodes are available: 2 node(s) didn't satisfy plugin(s) [NodeAffinity]."));
    }
}
