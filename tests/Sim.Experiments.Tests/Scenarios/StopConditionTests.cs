using Sim.Metrics;
using Sim.Workloads;
using static Sim.Experiments.Tests.Scenarios.ScenarioFiles;

namespace Sim.Experiments.Tests.Scenarios;

/// <summary>The <c>stop</c> section: how it is read, and that a run it ends is the run without it, cut at the stop.</summary>
public class StopConditionTests
{
    private const string Jobs = """
        workloads:
        - {name: batch, kind: Job, count: 12, arrivals: {poisson: {rate: 1/min}}, parallelism: 2, duration: {uniform: {min: 1m, max: 4m}}, cpu: 1, memory: 1Gi}

        """;

    private static readonly string JobScenario = Minimal.Replace("duration: 1h", "duration: 2h", StringComparison.Ordinal) + Jobs;

    [TestCase("{when: workloads-done}", StopWhen.WorkloadsDone, 0)]
    [TestCase("{when: pods-created, count: 40}", StopWhen.PodsCreated, 40)]
    [TestCase("{when: pods-scheduled, count: 3}", StopWhen.PodsScheduled, 3)]
    [TestCase("{when: pods-succeeded, count: 500}", StopWhen.PodsSucceeded, 500)]
    public void A_stop_section_binds_to_its_condition(string stop, StopWhen when, long count)
    {
        var result = Read(JobScenario + "stop: " + stop + "\n");

        Assert.That(Messages(result), Is.Empty);
        var scenario = result.Value!.Variants[0];
        Assert.Multiple(() =>
        {
            Assert.That(scenario.Stop!.When, Is.EqualTo(when));
            Assert.That(scenario.Stop.Count, Is.EqualTo(count));
            Assert.That(scenario.Duration, Is.EqualTo(TimeSpan.FromHours(2)), "the duration stays the cap");
        });
    }

    [Test]
    public void The_stop_example_of_the_format_reference_is_valid()
    {
        var blocks = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "scenario-format.md")).Split("```yaml\n").Skip(1).Select(b => b[..b.IndexOf("```", StringComparison.Ordinal)]);
        var example = blocks.Single(b => b.Contains("stop:", StringComparison.Ordinal) && b.StartsWith("duration:", StringComparison.Ordinal));

        var result = Read(Minimal.Replace("duration: 1h\n", example, StringComparison.Ordinal) + Jobs);

        Assert.Multiple(() =>
        {
            Assert.That(Messages(result), Is.Empty);
            Assert.That(result.Value!.Variants[0].Stop, Is.EqualTo(StopCondition.WorkloadsDone));
            Assert.That(result.Value.Variants[0].Duration, Is.EqualTo(TimeSpan.FromHours(6)));
        });
    }

    [Test]
    public void Without_a_stop_section_a_run_lasts_its_duration()
    {
        var scenario = Read(JobScenario).Value!.Variants[0];

        Assert.That(scenario.Stop, Is.Null);
    }

    [TestCase("{when: workload-done}", "s.yaml:12:14: stop.when: unknown condition \"workload-done\" (did you mean \"workloads-done\"?); expected workloads-done, pods-created, pods-scheduled or pods-succeeded")]
    [TestCase("{when: pods-succeeded}", "s.yaml:12:7: stop: missing required field \"count\" (how many pods pods-succeeded waits for, at least 1)")]
    [TestCase("{when: workloads-done, count: 5}", "s.yaml:12:37: stop.count: workloads-done takes no count (a count goes with pods-created, pods-scheduled or pods-succeeded)")]
    [TestCase("{when: pods-created, count: 0}", "s.yaml:12:35: stop.count: expected a whole number of at least 1, got \"0\"")]
    [TestCase("{count: 5}", "s.yaml:12:7: stop: missing required field \"when\" (the condition: workloads-done, pods-created, pods-scheduled or pods-succeeded)")]
    [TestCase("{when: workloads-done, after: 5m}", "s.yaml:12:30: stop.after: unknown field \"after\"")]
    [TestCase("workloads-done", "s.yaml:12:7: stop: expected a stop condition: a mapping such as {when: workloads-done} or {when: pods-succeeded, count: 500}, got \"workloads-done\"")]
    public void A_bad_stop_section_is_reported_where_it_is(string stop, string expected)
    {
        var result = Read(JobScenario + "stop: " + stop + "\n");

        Assert.Multiple(() =>
        {
            Assert.That(Messages(result), Is.EqualTo(new[] { expected }));
            Assert.That(result.Value, Is.Null);
        });
    }

    [Test]
    public void Workloads_done_warns_about_a_workload_that_never_finishes_arriving()
    {
        var result = Read(Minimal + """
            workloads:
            - {name: stream, kind: Job, arrivals: {poisson: {rate: 1/min}}, duration: 1m, cpu: 1, memory: 1Gi}
            - {name: capped, kind: Job, arrivals: {poisson: {rate: 1/min}}, stop: 30m, duration: 1m, cpu: 1, memory: 1Gi}
            - {name: listed, kind: Job, arrivals: {fixed: [1m, 2m]}, duration: 1m, cpu: 1, memory: 1Gi}
            stop: {when: workloads-done}

            """);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True);
            Assert.That(Messages(result), Is.EqualTo(new[]
            {
                "s.yaml:14:14: warning: stop.when: workload \"stream\" never finishes arriving (it has no count and no stop), so workloads-done cannot hold and every run lasts the whole duration",
            }));
        });
    }

    [Test]
    public void Workloads_done_ends_a_run_early_at_the_same_time_for_the_same_seed()
    {
        var scenario = Read(JobScenario + "stop: {when: workloads-done}\n").Value!.Variants[0];

        var first = RunExecutor.Execute(new RunSpec(0, scenario, scenario.Policies[0], 7));
        var second = RunExecutor.Execute(new RunSpec(0, scenario, scenario.Policies[0], 7));
        var stoppedAt = Value(first, MetricNames.SimulatedDuration);

        Assert.Multiple(() =>
        {
            Assert.That(stoppedAt, Is.GreaterThan(12 * 60).And.LessThan(TimeSpan.FromHours(2).TotalSeconds), "after the arrivals, well before the cap");
            Assert.That(second.Final, Is.EqualTo(first.Final));
            Assert.That(Value(first, MetricNames.PodsSucceeded), Is.EqualTo(24), "every pod of every Job has succeeded");
            Assert.That(Value(first, MetricNames.PendingPodsFinal), Is.Zero);
            Assert.That(first.Series.Max(s => s.TimeSeconds), Is.LessThanOrEqualTo(stoppedAt), "no sample after the stop");
        });
    }

    [Test]
    public void A_stopped_run_is_the_run_without_a_condition_cut_at_the_stop_and_its_means_end_there()
    {
        var text = JobScenario + "outputs: {events: true}\nstop: {when: workloads-done}\n";
        var stopped = Read(text).Value!.Variants[0];
        var stoppedRun = RunExecutor.Execute(new RunSpec(0, stopped, stopped.Policies[0], 3));
        var stoppedAt = TimeSpan.FromTicks((long)Math.Round(Value(stoppedRun, MetricNames.SimulatedDuration) * TimeSpan.TicksPerSecond));
        var cut = stopped with { Stop = null, Duration = stoppedAt };
        var cutRun = RunExecutor.Execute(new RunSpec(0, cut, cut.Policies[0], 3));
        var full = stopped with { Stop = null };
        var fullRun = RunExecutor.Execute(new RunSpec(0, full, full.Policies[0], 3));

        Assert.Multiple(() =>
        {
            foreach (var metric in new[]
            {
                MetricNames.CpuUtilization, MetricNames.MemoryUtilization, MetricNames.CpuStrandedFraction, MetricNames.NodesInUseMean,
                MetricNames.NodesLowerBoundMean, MetricNames.PendingPodsMean, MetricNames.SimulatedDuration,
            })
            {
                Assert.That(Value(stoppedRun, metric), Is.EqualTo(Value(cutRun, metric)), metric + " integrates up to the stop");
            }

            Assert.That(Value(fullRun, MetricNames.CpuUtilization), Is.Not.EqualTo(Value(stoppedRun, MetricNames.CpuUtilization)), "an idle tail would lower it");
            Assert.That(fullRun.EventLog, Does.StartWith(stoppedRun.EventLog!), "the same writes up to the stop: the condition changes no draw");
            Assert.That(fullRun.EventLog!.Length, Is.GreaterThan(stoppedRun.EventLog!.Length));
        });
    }

    [Test]
    public void A_pod_count_ends_the_run_when_the_metrics_count_reaches_it()
    {
        var scenario = Read(JobScenario + "stop: {when: pods-succeeded, count: 9}\n").Value!.Variants[0];

        var result = RunExecutor.Execute(new RunSpec(0, scenario, scenario.Policies[0], 2));

        Assert.That(Value(result, MetricNames.PodsSucceeded), Is.EqualTo(9));
    }

    private static double Value(RunResult result, string metric) => result.Final.Single(m => m.Name == metric).Value;
}
