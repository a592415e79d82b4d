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

    [Test]
    public void The_cached_scoring_request_follows_copies_and_stays_apart_from_the_plain_one()
    {
        // No CPU request: scoring counts 100m for it, the plain request 0.
        var spec = new PodSpec { Containers = [new Container("a", ResourceList.Builder().Memory(1 << 20).Build())] };
        var scoring = spec.Requests(PodRequestOptions.ForScoring);
        var bound = spec with { NodeName = "node-a" };
        var changed = bound with { Containers = [new Container("a", ResourceList.Builder().Cpu(300).Build())] };

        Assert.Multiple(() =>
        {
            Assert.That(scoring.MilliCpu, Is.EqualTo(PodRequests.DefaultMilliCpuRequest));
            Assert.That(spec.Requests().MilliCpu, Is.Zero, "the plain request has its own entry");
            Assert.That(bound.Requests(PodRequestOptions.ForScoring), Is.SameAs(scoring), "a copy with the same containers reuses the result");
            Assert.That(changed.Requests(PodRequestOptions.ForScoring).MilliCpu, Is.EqualTo(300));
            Assert.That(changed.Requests(PodRequestOptions.ForScoring).Memory, Is.EqualTo(PodRequests.DefaultMemoryRequest));
            Assert.That(spec.Requests(PodRequestOptions.ForScoring), Is.EqualTo(PodRequests.Compute(spec.Containers, spec.InitContainers, null, PodRequestOptions.ForScoring)));
            Assert.That(
                spec.Requests(new PodRequestOptions(NonMissingContainerRequests: ResourceList.Builder().Cpu(7).Build())).MilliCpu,
                Is.EqualTo(7),
                "other options are computed, not served from the cache");
        });
    }

    [Test]
    public void Copies_of_one_spec_share_all_but_the_node_name_and_any_other_change_breaks_it()
    {
        var spec = new PodSpec { Containers = [new Container("a", ResourceList.Builder().Cpu(100).Build())], Priority = 5 };
        var assumed = spec with { NodeName = "node-a" };
        var bound = spec with { NodeName = "node-b" };
        var changed = new PodSpec[]
        {
            assumed with { Containers = [new Container("a", ResourceList.Builder().Cpu(100).Build())] },
            assumed with { InitContainers = [new Container("i", ResourceList.Empty)] },
            assumed with { Overhead = ResourceList.Builder().Cpu(10).Build() },
            assumed with { SchedulerName = "other" },
            assumed with { Priority = 6 },
            assumed with { PreemptionPolicy = PreemptionPolicy.Never },
            assumed with { SchedulingGates = ["gate"] },
            assumed with { PriorityClassName = "high" },
            assumed with { NodeSelector = assumed.NodeSelector.Add("disk", "ssd") },
            assumed with { Affinity = new Sim.Cluster.Objects.Scheduling.Affinity() },
            assumed with { TopologySpreadConstraints = [new Sim.Cluster.Objects.Scheduling.TopologySpreadConstraint(1, "zone", Sim.Cluster.Objects.Scheduling.WhenUnsatisfiable.DoNotSchedule, Sim.Cluster.Labels.LabelSelector.Parse("app=a"))] },
            assumed with { Tolerations = [new Toleration("key")] },
            assumed with { RestartPolicy = RestartPolicy.Never },
            assumed with { TerminationGracePeriod = TimeSpan.FromSeconds(1) },
        };

        Assert.Multiple(() =>
        {
            Assert.That(assumed.SharesAllButNodeName(bound), Is.True);
            for (var i = 0; i < changed.Length; i++)
            {
                Assert.That(assumed.SharesAllButNodeName(changed[i]), Is.False, $"change {i}");
            }
        });
    }

    [Test]
    public void Every_field_but_the_node_name_is_one_SharesAllButNodeName_compares()
    {
        // A field added to PodSpec must be compared by SharesAllButNodeName (and a change of it listed above).
        string[] compared =
        [
            nameof(PodSpec.Containers), nameof(PodSpec.InitContainers), nameof(PodSpec.Overhead), nameof(PodSpec.SchedulerName),
            nameof(PodSpec.Priority), nameof(PodSpec.PreemptionPolicy), nameof(PodSpec.SchedulingGates), nameof(PodSpec.PriorityClassName),
            nameof(PodSpec.NodeSelector), nameof(PodSpec.Affinity), nameof(PodSpec.TopologySpreadConstraints), nameof(PodSpec.Tolerations),
            nameof(PodSpec.RestartPolicy), nameof(PodSpec.TerminationGracePeriod), nameof(PodSpec.NodeName),
        ];
        var fields = typeof(PodSpec).GetProperties().Where(p => p.SetMethod is not null).Select(p => p.Name);
        Assert.That(fields, Is.EquivalentTo(compared));
    }
}
