using Sim.Experiments.Scenarios;
using Sim.Faults;
using Sim.Workloads;
using static Sim.Experiments.Tests.Scenarios.ScenarioFiles;

namespace Sim.Experiments.Tests.Scenarios;

public class ReplicationStudyTests
{
    [Test]
    public void The_study_compares_four_policies_over_ten_seeds_under_crashes_and_a_zone_outage_with_traffic()
    {
        var result = ScenarioReader.ReadFile(Path.Combine(RepositoryRoot(), "scenarios", "replication-vs-packing.yaml"), Options());

        Assert.That(result.Diagnostics.Select(d => d.ToString()), Is.Empty);
        var s = result.Value!.Variants.Single();
        Assert.Multiple(() =>
        {
            Assert.That(s.Policies.Select(p => p.Name), Is.EqualTo(new[] { "kubernetes-default", "most-allocated", "spread", "best-fit" }));
            Assert.That(s.Seeds, Has.Length.EqualTo(10));
            Assert.That(s.Cluster.Pools.Sum(p => p.Count), Is.EqualTo(300));
            Assert.That(s.Cluster.Pools.SelectMany(p => p.Zones).Distinct(), Has.Exactly(3).Items);
            Assert.That(s.Workloads.OfType<DeploymentWorkload>().Single().Service, Is.True);
            Assert.That(s.Workloads.OfType<JobWorkload>(), Is.Not.Empty);
            Assert.That(s.Faults.Select(f => f.GetType()), Is.EquivalentTo(new[] { typeof(NodeCrashFault), typeof(ZoneOutageFault) }));
            Assert.That(s.Traffic.Single().RatePerSecond, Is.EqualTo(20));
            Assert.That(s.Duration.Ticks % TimeSpan.FromMinutes(1).Ticks, Is.Zero, "whole traffic windows");
        });
    }
}
