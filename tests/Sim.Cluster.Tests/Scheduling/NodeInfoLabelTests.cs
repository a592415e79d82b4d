using Sim.Cluster.Objects;
using Sim.Scheduling;

namespace Sim.Cluster.Tests.Scheduling;

/// <summary><see cref="NodeInfo.TryGetLabel"/> answers as the node's label map, whatever keys it remembers.</summary>
public class NodeInfoLabelTests
{
    [Test]
    public void Lookups_answer_as_the_label_map_through_key_changes_and_node_updates()
    {
        var node = St.MakeNode().Name("n").Label(Node.ZoneLabel, "z1").Label("rack", "r1").Obj();
        var info = new NodeInfo(node);
        string[] keys = [Node.ZoneLabel, "rack", Node.HostnameLabel, "absent", new string(Node.ZoneLabel.ToCharArray())];
        var random = new Sim.Engine.Randomness.RandomStreams(7).For("labels");
        for (var step = 0; step < 400; step++)
        {
            if (step % 50 == 49)
            {
                // The node object replaced with other labels: nothing remembered may survive.
                node = St.MakeNode().Name("n").Label(Node.ZoneLabel, $"z{step}").Label(step % 100 == 49 ? "other" : "rack", "r2").Obj();
                info.SetNode(node);
            }

            var key = keys[random.Next(keys.Length)];
            var expectedFound = node.Metadata.Labels.TryGetValue(key, out var expected);
            Assert.That(info.TryGetLabel(key, out var value), Is.EqualTo(expectedFound), $"{key} at step {step}");
            if (expectedFound)
            {
                Assert.That(value, Is.EqualTo(expected), $"{key} at step {step}");
            }
        }
    }
}
