using Sim.Cluster.Objects;
using Sim.Cluster.Resources;

namespace Sim.Cluster.Tests.Objects;

public class PodSpecTests
{
    [Test]
    public void The_cached_request_follows_copies_that_change_the_containers()
    {
        var small = new PodSpec { Containers = [new Container("a", ResourceList.Builder().Cpu(100).Build())] };
        var first = small.Requests();
        var bound = small with { NodeName = "node-a" };
        var bigger = bound with { Containers = [new Container("a", ResourceList.Builder().Cpu(700).Build())] };
        var withOverhead = bigger with { Overhead = ResourceList.Builder().Cpu(50).Build() };

        Assert.Multiple(() =>
        {
            Assert.That(first.MilliCpu, Is.EqualTo(100));
            Assert.That(bound.Requests(), Is.SameAs(first), "a copy with the same containers reuses the result");
            Assert.That(bigger.Requests().MilliCpu, Is.EqualTo(700));
            Assert.That(withOverhead.Requests().MilliCpu, Is.EqualTo(750));
            Assert.That(small.Requests().MilliCpu, Is.EqualTo(100), "the original is still right after its copies computed theirs");
        });
    }
}
