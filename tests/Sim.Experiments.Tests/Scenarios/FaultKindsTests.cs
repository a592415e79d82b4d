using Sim.Cluster.Labels;
using Sim.Faults;
using Sim.Workloads;
using static Sim.Experiments.Tests.Scenarios.ScenarioFiles;

namespace Sim.Experiments.Tests.Scenarios;

/// <summary>The fault kinds beyond node crashes and outages, bound from scenario files.</summary>
public class FaultKindsTests
{
    [Test]
    public void Every_fault_kind_binds_with_its_values_and_defaults()
    {
        var result = Read(Minimal + """
            faults:
            - {name: split, kind: KubeletPartition, count: 1, nodeSelector: {sim.pool: general}, at: 10m, duration: 5m}
            - {name: named-split, kind: KubeletPartition, nodes: [general-1], at: 1m}
            - {name: flaky, kind: PodCrash, selector: "app in (web-0, web-1)", namespace: shop, timeBetweenCrashes: {exponential: {mean: 2h}}, start: 5m, stop: 50m}
            - {name: chaos, kind: PodCrash, schedule: [20m, 10m], count: 3}
            - {name: maintenance, kind: Drain, nodes: [general-0, general-2], at: 15m, duration: 10m, retryInterval: 10s}
            - {name: upgrade, kind: RollingUpgrade, at: 20m, upgradeTime: 3m}
            - {name: slow, kind: ApiLatencySpike, at: 30m, duration: 2m, factor: 20}
            - {name: stuck, kind: ApiLatencySpike, at: 40m, duration: 1m, latency: 2s}
            - {name: no-scheduler, kind: SchedulerOutage, at: 45m, duration: 90s}
            """);

        Assert.That(Messages(result), Is.Empty);
        var faults = result.Value!.Variants[0].Faults;
        Assert.Multiple(() =>
        {
            Assert.That(faults[0], Is.EqualTo(new KubeletPartitionFault
            {
                Name = "split",
                Count = 1,
                NodeSelector = faults[0].As<KubeletPartitionFault>().NodeSelector,
                At = TimeSpan.FromMinutes(10),
                Duration = TimeSpan.FromMinutes(5),
            }));
            Assert.That(faults[0].As<KubeletPartitionFault>().NodeSelector, Is.EquivalentTo(new Dictionary<string, string> { ["sim.pool"] = "general" }));
            Assert.That(faults[1].As<KubeletPartitionFault>().Nodes, Is.EqualTo(new[] { "general-1" }));
            Assert.That(faults[1].As<KubeletPartitionFault>().Duration, Is.Null);
            var flaky = faults[2].As<PodCrashFault>();
            Assert.That(flaky.Selector, Is.EqualTo(LabelSelector.Parse("app in (web-0, web-1)")));
            Assert.That((flaky.Namespace, flaky.TimeBetweenCrashes, flaky.Start, flaky.Stop), Is.EqualTo(("shop", Distribution.Exponential(7200), TimeSpan.FromMinutes(5), (TimeSpan?)TimeSpan.FromMinutes(50))));
            var chaos = faults[3].As<PodCrashFault>();
            Assert.That((chaos.Schedule, chaos.Count, chaos.Selector), Is.EqualTo((new[] { TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20) }, (int?)3, LabelSelector.Everything)));
            var drain = faults[4].As<DrainFault>();
            Assert.That((drain.Nodes, drain.At, drain.Duration, drain.RetryInterval), Is.EqualTo((new[] { "general-0", "general-2" }, TimeSpan.FromMinutes(15), (TimeSpan?)TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(10))));
            var upgrade = faults[5].As<RollingUpgradeFault>();
            Assert.That((upgrade.Nodes.IsEmpty, upgrade.Count, upgrade.UpgradeTime, upgrade.RetryInterval), Is.EqualTo((true, (int?)null, TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(5))));
            Assert.That(faults[6], Is.EqualTo(new ApiLatencySpikeFault { Name = "slow", At = TimeSpan.FromMinutes(30), Duration = TimeSpan.FromMinutes(2), Factor = 20 }));
            Assert.That(faults[7], Is.EqualTo(new ApiLatencySpikeFault { Name = "stuck", At = TimeSpan.FromMinutes(40), Duration = TimeSpan.FromMinutes(1), Latency = TimeSpan.FromSeconds(2) }));
            Assert.That(faults[8], Is.EqualTo(new SchedulerOutageFault { Name = "no-scheduler", At = TimeSpan.FromMinutes(45), Duration = TimeSpan.FromSeconds(90) }));
        });
    }

    [Test]
    public void Every_bound_fault_is_accepted_by_the_injector()
    {
        var result = Read(Minimal + """
            faults:
            - {name: split, kind: KubeletPartition, count: 2, at: 10m}
            - {name: flaky, kind: PodCrash, timeBetweenCrashes: 1h}
            - {name: upgrade, kind: RollingUpgrade, count: 2, at: 20m, upgradeTime: 3m}
            - {name: stuck, kind: ApiLatencySpike, at: 40m, duration: 1m, factor: 0}
            """);
        var scenario = result.Value!.Variants[0];
        var cluster = new Cluster.SimulatedCluster(1, recordEvents: false);

        Assert.That(() => new FaultInjector(cluster, scenario.Faults), Throws.Nothing);
    }

    [TestCase("{name: f, kind: KubeletPartition, at: 1m}", "s.yaml:11:3: faults[0]: missing the nodes: give nodes (names), or count (drawn at random) and/or nodeSelector")]
    [TestCase("{name: f, kind: Drain, nodes: [general-0], count: 2, at: 1m}", "s.yaml:11:33: faults[0].nodes: give either nodes or count and/or nodeSelector, not both")]
    [TestCase("{name: f, kind: Drain, nodes: [general-9], at: 1m}", "s.yaml:11:34: faults[0].nodes[0]: no node \"general-9\" in the cluster; pool nodes are general-0 … general-2")]
    [TestCase("{name: f, kind: KubeletPartition, count: 0, at: 1m}", "s.yaml:11:44: faults[0].count: expected a whole number from 1 to 1,000,000, got \"0\"")]
    [TestCase("{name: f, kind: PodCrash}", "s.yaml:11:3: faults[0]: give either timeBetweenCrashes (crashes at random per pod) or schedule (crashes at given times), not neither")]
    [TestCase("{name: f, kind: PodCrash, timeBetweenCrashes: 1h, schedule: [1m]}", "s.yaml:11:3: faults[0]: give either timeBetweenCrashes (crashes at random per pod) or schedule (crashes at given times), not both")]
    [TestCase("{name: f, kind: PodCrash, timeBetweenCrashes: 1h, count: 2}", "s.yaml:11:60: faults[0].count: a count goes with a schedule (how many pods crash each time)")]
    [TestCase("{name: f, kind: PodCrash, schedule: [], selector: 'app in ('}", "s.yaml:11:39: faults[0].schedule: expected at least one time, got an empty list")]
    [TestCase("{name: f, kind: PodCrash, timeBetweenCrashes: 0s}", "s.yaml:11:49: faults[0].timeBetweenCrashes: expected a positive mean time between crashes, got constant(0)")]
    [TestCase("{name: f, kind: PodCrash, timeBetweenCrashes: 1h, start: 10m, stop: 5m}", "s.yaml:11:71: faults[0].stop: expected a time after start (10m), got 5m")]
    [TestCase("{name: f, kind: ApiLatencySpike, at: 1m, duration: 1m}", "s.yaml:11:3: faults[0]: give either factor (multiplies the watch latency) or latency (replaces it), not neither")]
    [TestCase("{name: f, kind: ApiLatencySpike, at: 1m, duration: 1m, factor: 2, latency: 1s}", "s.yaml:11:3: faults[0]: give either factor (multiplies the watch latency) or latency (replaces it), not both")]
    [TestCase("{name: f, kind: ApiLatencySpike, at: 1m, factor: 2}", "s.yaml:11:3: faults[0]: missing required field \"duration\" (how long the spike lasts, e.g. 5m)")]
    [TestCase("{name: f, kind: RollingUpgrade, at: 1m}", "s.yaml:11:3: faults[0]: missing required field \"upgradeTime\" (how long each node is down for its upgrade, e.g. 5m)")]
    [TestCase("{name: f, kind: SchedulerOutage, at: 1m, duration: 0s}", "s.yaml:11:54: faults[0].duration: expected a positive duration, got \"0s\"")]
    [TestCase("{name: f, kind: SchedulerOutage, at: 1m, zone: a}", "s.yaml:11:44: faults[0].zone: field \"zone\" is not used by kind SchedulerOutage (only by ZoneOutage)")]
    public void A_bad_fault_is_reported_where_it_is(string fault, string expected)
    {
        var result = Read(Minimal + "faults:\n- " + fault + "\n");

        Assert.That(Messages(result), Does.Contain(expected), string.Join("\n", Messages(result)));
    }

    [Test]
    public void The_faults_example_of_the_format_reference_is_valid()
    {
        var blocks = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "scenario-format.md")).Split("```yaml\n").Skip(1).Select(b => b[..b.IndexOf("```", StringComparison.Ordinal)]);
        var example = blocks.Single(b => b.StartsWith("faults:", StringComparison.Ordinal));

        var result = Read(Minimal + example);

        Assert.Multiple(() =>
        {
            Assert.That(Messages(result), Is.Empty);
            Assert.That(result.Value!.Variants[0].Faults, Has.Length.EqualTo(7));
        });
    }

    [Test]
    public void A_fault_after_the_end_of_the_run_is_a_warning()
    {
        var result = Read(Minimal + "faults:\n- {name: late, kind: PodCrash, schedule: [3h]}\n- {name: later, kind: SchedulerOutage, at: 2h}\n");

        Assert.That(Messages(result), Is.EqualTo(new[]
        {
            "s.yaml:11:42: warning: faults[0].schedule: 3h is not before the end of the run (1h); the fault never happens",
            "s.yaml:12:44: warning: faults[1].at: 2h is not before the end of the run (1h); the fault never happens",
        }));
    }
}

internal static class FaultCasts
{
    public static T As<T>(this FaultSpec fault)
        where T : FaultSpec => (T)fault;
}
