using Sim.Cluster.Labels;
using Sim.Metrics;
using Sim.Metrics.Replication;
using static Sim.Experiments.Tests.Scenarios.ScenarioFiles;

namespace Sim.Experiments.Tests.Scenarios;

public class TrafficTests
{
    [Test]
    public void Traffic_rules_bind_in_order_with_their_selectors()
    {
        var result = Read(Minimal + """
            traffic:
            - {workload: web, rate: 20/s}
            - {selector: "tier in (api)", namespace: shop, service: front, rate: 30/min}
            - {rate: 0/s}
            """);

        Assert.That(Messages(result), Is.Empty);
        var traffic = result.Value!.Variants[0].Traffic;
        Assert.Multiple(() =>
        {
            Assert.That(traffic, Has.Length.EqualTo(3));
            Assert.That((traffic[0].Selector, traffic[0].RatePerSecond), Is.EqualTo((LabelSelector.Parse("sim.workload=web"), 20.0)));
            Assert.That((traffic[1].Selector, traffic[1].Namespace, traffic[1].Name, traffic[1].RatePerSecond), Is.EqualTo((LabelSelector.Parse("tier in (api)"), "shop", "front", 0.5)));
            Assert.That((traffic[2].Selector, traffic[2].RatePerSecond), Is.EqualTo((LabelSelector.Everything, 0.0)));
        });
    }

    [Test]
    public void The_traffic_example_of_the_format_reference_is_valid()
    {
        var blocks = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "scenario-format.md")).Split("```yaml\n").Skip(1).Select(b => b[..b.IndexOf("```", StringComparison.Ordinal)]);
        var example = blocks.Single(b => b.StartsWith("traffic:", StringComparison.Ordinal));

        var result = Read(Minimal + example);

        Assert.Multiple(() =>
        {
            Assert.That(Messages(result), Is.Empty);
            Assert.That(result.Value!.Variants[0].Traffic.Select(t => t.RatePerSecond), Is.EqualTo(new[] { 20.0, 1.0 }));
        });
    }

    [TestCase("- {workload: web}", "s.yaml:11:3: traffic[0]: missing required field \"rate\" (requests per second to each selected Service, e.g. 20/s)")]
    [TestCase("- {workload: Web!, rate: 1/s}", "s.yaml:11:14: traffic[0].workload: expected a name of lowercase letters, digits and '-' that starts and ends with a letter or digit, at most 63 characters, got \"Web!\"")]
    [TestCase("- {selector: 'a in (', rate: 1/s}", "s.yaml:11:14: traffic[0].selector: at position 6: found end of string, expected ',', ')' or an identifier (a value)")]
    [TestCase("- {rate: 5, workload: web}", "s.yaml:11:10: traffic[0].rate: expected a rate such as 2/min, 60/h or 0.5/s, got \"5\"")]
    [TestCase("- {rate: 1/s, port: 80}", "s.yaml:11:15: traffic[0].port: unknown field \"port\"")]
    public void A_bad_rule_is_reported_where_it_is(string rule, string expected)
    {
        var messages = Messages(Read(Minimal + "traffic:\n" + rule + "\n"));

        Assert.That(messages.Select(m => m.Split(" (did you mean")[0]), Does.Contain(expected.Split(" (did you mean")[0]), string.Join("\n", messages));
    }

    [Test]
    public void A_run_reports_the_replication_metrics_after_the_placement_metrics()
    {
        var scenario = Read(Minimal.Replace("duration: 1h", "duration: 20m", StringComparison.Ordinal) + """
            workloads:
            - {name: web, kind: Deployment, count: 4, replicas: 3, cpu: 500m, memory: 256Mi}
            faults:
            - {name: down, kind: NodeFailure, nodes: [general-0], at: 5m, duration: 3m}
            traffic:
            - {workload: web, rate: 10/s}
            """).Value!.Variants[0];

        var result = RunExecutor.Execute(new RunSpec(0, scenario, scenario.Policies[0], 1));
        var values = result.Final.ToDictionary(m => m.Name, m => m.Value);

        Assert.Multiple(() =>
        {
            Assert.That(result.Final.Select(m => m.Name), Is.EqualTo(RunExecutor.MetricNames));
            Assert.That(RunExecutor.MetricNames.Take(MetricsCollector.FinalNames.Count), Is.EqualTo(MetricsCollector.FinalNames));
            Assert.That(values[ReplicationMetricNames.NodeIncidents], Is.EqualTo(1));
            Assert.That(values[ReplicationMetricNames.Requests], Is.InRange(4 * 10 * 1140 * 0.97, 4 * 10 * 1200 * 1.03), "4 Services at 10/s for 19 whole minutes");
            Assert.That(values[ReplicationMetricNames.RequestSuccessRate], Is.InRange(0.9, 1.0 - 1e-6), "general-0's share failed until it was detected");
            Assert.That(values[ReplicationMetricNames.AvailabilityMean], Is.InRange(0.9, 1.0 - 1e-6));
            Assert.That(result.Series.Select(s => s.Metric), Does.Contain(ReplicationMetricNames.Availability));
        });
    }
}
