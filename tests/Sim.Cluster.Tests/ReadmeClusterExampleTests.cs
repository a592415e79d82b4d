using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;
using Sim.Tests.Shared;

namespace Sim.Cluster.Tests;

/// <summary>The README's cluster example is this file's code: the README must show it verbatim, and it must run.</summary>
public class ReadmeClusterExampleTests
{
    [Test]
    public void The_readme_shows_this_example_verbatim()
    {
        var shown = ReadmeExamples.ReadmeBlock("cluster");
        var tested = ReadmeExamples.SourceRegion("tests/Sim.Cluster.Tests/ReadmeClusterExampleTests.cs", "cluster");

        Assert.That(shown, Is.EqualTo(tested).And.Not.Empty);
    }

    [Test]
    public void The_readme_example_runs_and_the_only_node_failing_marks_it_unknown_without_evicting()
    {
        var labels = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("app", "web");
        var replicationController = new ReplicationController
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new ReplicationControllerSpec
            {
                Replicas = 3,
                Selector = labels,
                Template = new PodTemplate
                {
                    Labels = labels,
                    Spec = new PodSpec { Containers = [new Container("web", ResourceList.Builder().Cpu(100).Memory(64L << 20).Build())] },
                },
            },
        };
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        SimulatedCluster cluster;
        try
        {
            cluster = Example(replicationController);
        }
        finally
        {
            Console.SetOut(console);
        }

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Some.Contains("\"change\":\"Ready\""));
            Assert.That(lines, Has.Some.Contains("\"change\":\"Ready=Unknown; tainted unreachable\""));

            // The only node down is every zone fully disrupted: as upstream, the node lifecycle controller
            // then taints nothing NoExecute and evicts nothing (with a second node the pods would move).
            Assert.That(lines, Has.None.Contains("\"change\":\"evicted (NoExecute taint)\""));
            Assert.That(cluster.Api.Get<Node>(new ObjectKey(Node.KindName, string.Empty, "node-a"))!.Status.Ready, Is.EqualTo(NodeConditionStatus.Unknown));
        });
    }

    private static SimulatedCluster Example(ReplicationController replicationController)
    {
        // readme:cluster
        var cluster = new SimulatedCluster(seed: 1);
        cluster.AddNode("node-a", ResourceList.Builder().Cpu(4000).Memory(16L << 30).Pods(110).Build());
        cluster.Client("kubectl").Create(replicationController);   // a ReplicationController object
        cluster.Simulation.RunUntil(SimTime.FromSeconds(30));
        cluster.Kubelets["node-a"].Fail();                          // inject a node failure
        cluster.Simulation.RunUntil(SimTime.FromSeconds(600));
        cluster.Log.WriteJsonLines(Console.Out);                    // every write: time, component, object, change
        // readme:end
        return cluster;
    }
}
