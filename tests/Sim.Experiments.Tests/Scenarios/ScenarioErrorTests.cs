using System.Diagnostics;
using static Sim.Experiments.Tests.Scenarios.ScenarioFiles;

namespace Sim.Experiments.Tests.Scenarios;

/// <summary>Each kind of bad input gives its own message, with line and column, field path and what was expected.</summary>
public class ScenarioErrorTests
{
    private const string Job = "- name: w\n  kind: Job\n  count: 1\n  duration: 1m\n  memory: 1Gi\n";

    private static string With(string oldText, string newText) => Minimal.Replace(oldText, newText, StringComparison.Ordinal);

    private static TestCaseData Case(string name, string text, params string[] expected) =>
        new TestCaseData(text, expected).SetName("{m}: " + name);

    private static IEnumerable<TestCaseData> BadScenarios()
    {
        yield return Case("unknown key, with a suggestion", Minimal + "dration: 1h\n",
            "s.yaml:10:1: dration: unknown field \"dration\" (did you mean \"duration\"?)");
        yield return Case("required keys", "name: s\n",
            "s.yaml:1:1: missing required field \"duration\" (how long each run lasts in simulated time, e.g. 2h)",
            "s.yaml:1:1: missing required field \"policies\" (the policies to compare, e.g. [kubernetes-default, most-allocated])",
            "s.yaml:1:1: missing required field \"cluster\" (the nodes: pools and/or nodes files)");
        yield return Case("a required key of a list item", With("    count: 3\n", string.Empty),
            "s.yaml:6:5: cluster.pools[0]: missing required field \"count\" (how many nodes, e.g. 100)");
        yield return Case("duration that is not one", With("duration: 1h", "duration: 2 hours"),
            "s.yaml:2:11: duration: expected a duration such as 90s, 10m, 2h, 1h30m or 1d, got \"2 hours\"");
        yield return Case("negative duration", With("duration: 1h", "duration: -5m"),
            "s.yaml:2:11: duration: expected a positive duration, got \"-5m\"");
        yield return Case("zero duration", With("duration: 1h", "duration: 0s"),
            "s.yaml:2:11: duration: expected a positive duration, got \"0s\"");
        yield return Case("overflowing duration", With("duration: 1h", "duration: 1e400"),
            "s.yaml:2:11: duration: expected a duration of at most 10675199d, got \"1e400\"");
        yield return Case("duration beyond TimeSpan", With("duration: 1h", "duration: 99999999999d"),
            "s.yaml:2:11: duration: expected a duration of at most 10675199d, got \"99999999999d\"");
        yield return Case("unknown policy", With("[kubernetes-default]", "[spred]"),
            "s.yaml:3:12: policies[0]: unknown policy \"spred\" (did you mean \"spread\"?); known policies: best-fit, dot-product, first-fit, kubernetes-default, most-allocated, random, requested-to-capacity-ratio, spread, worst-fit (or give a name and a KubeSchedulerConfiguration file as config)");
        yield return Case("duplicate policy", With("[kubernetes-default]", "[spread, spread]"),
            "s.yaml:3:20: policies[1]: duplicate policy \"spread\" (also at line 3)");
        yield return Case("no policy", With("[kubernetes-default]", "[]"),
            "s.yaml:3:11: policies: expected at least one policy, got an empty list");
        yield return Case("count below 1", With("count: 3", "count: 0"),
            "s.yaml:7:12: cluster.pools[0].count: expected a whole number from 1 to 1,000,000, got \"0\"");
        yield return Case("overflowing count", With("count: 3", "count: 99999999999999999999"),
            "s.yaml:7:12: cluster.pools[0].count: expected a whole number of at most 1,000,000, got \"99999999999999999999\"");
        yield return Case("count that is not a number", With("count: 3", "count: many"),
            "s.yaml:7:12: cluster.pools[0].count: expected a whole number from 1 to 1,000,000, got \"many\"");
        yield return Case("negative quantity", With("cpu: \"4\"", "cpu: \"-1\""),
            "s.yaml:9:24: cluster.pools[0].allocatable[cpu]: '-1' is negative; expected a non-negative amount");
        yield return Case("overflowing quantity", With("memory: 16Gi", "memory: 1e400"),
            "s.yaml:9:37: cluster.pools[0].allocatable[memory]: '1e400' is too large; expected at most 9223372036854775807");
        yield return Case("garbage quantity", With("memory: 16Gi", "memory: 12Qi"),
            "s.yaml:9:37: cluster.pools[0].allocatable[memory]: quantity '12Qi' is not a number with a suffix; expected e.g. 100m, 1.5, 2Gi or 1e3");
        yield return Case("unknown resource", With("memory: 16Gi", "memory: 16Gi, gpu: 1"),
            "s.yaml:9:43: cluster.pools[0].allocatable[gpu]: unknown resource \"gpu\" (did you mean \"nvidia.com/gpu\"?); expected cpu, memory, pods, ephemeral-storage, hugepages-<size> or an extended resource with a domain, e.g. nvidia.com/gpu");
        yield return Case("missing cpu", With("cpu: \"4\", ", string.Empty),
            "s.yaml:9:18: cluster.pools[0].allocatable: missing required resource \"cpu\" (e.g. cpu: \"16\")");
        yield return Case("duplicate pool", Minimal + "  - {name: general, count: 1, allocatable: {cpu: 1, memory: 1Gi}}\n",
            "s.yaml:10:12: cluster.pools[1].name: duplicate pool name \"general\" (also at line 6)");
        yield return Case("reserved and invalid labels", Minimal + "    labels: {topology.kubernetes.io/zone: a, sim.pool: b, ok: \"not valid!\"}\n",
            "s.yaml:10:14: cluster.pools[0].labels[topology.kubernetes.io/zone]: set by zones; use zones instead",
            "s.yaml:10:46: cluster.pools[0].labels[sim.pool]: set from the pool's name; choose another key",
            "s.yaml:10:63: cluster.pools[0].labels[ok]: invalid label value \"not valid!\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
        yield return Case("bad taint effect", Minimal + "    taints: [{key: k, effect: NoSchedul}]\n",
            "s.yaml:10:31: cluster.pools[0].taints[0].effect: unknown effect \"NoSchedul\" (did you mean \"NoSchedule\"?); expected NoSchedule, PreferNoSchedule or NoExecute");
        yield return Case("an empty cluster", With("  pools:\n  - name: general\n    count: 3\n    zones: [zone-a, zone-b]\n    allocatable: {cpu: \"4\", memory: 16Gi}\n", "  pools: []\n"),
            "s.yaml:5:3: cluster: expected at least one node: a pool under pools, a file of Nodes under nodes, or traceNodes");
        yield return Case("replicas beyond what a workload item may have", Minimal + "workloads:\n- name: w\n  kind: Deployment\n  count: 1\n  memory: 1Gi\n  cpu: 1\n  replicas: 3000000000\n",
            "s.yaml:16:13: workloads[0].replicas: expected at most 1,000,000 pods per workload item, got \"3000000000\"");
        yield return Case("parallelism beyond what a workload item may have", Minimal + "workloads:\n" + Job + "  cpu: 1\n  parallelism: 1e12\n",
            "s.yaml:17:16: workloads[0].parallelism: expected at most 1,000,000 pods per workload item, got \"1e12\"");
        yield return Case("completions whose mean is beyond what a workload item may have", Minimal + "workloads:\n" + Job + "  cpu: 1\n  completions: {uniform: {min: 1, max: 5e6}}\n",
            "s.yaml:17:16: workloads[0].completions: expected at most 1,000,000 pods per workload item, got uniform(min=1, max=5000000), whose mean is 2500000.5");
        yield return Case("unknown distribution", Minimal + "workloads:\n" + Job + "  cpu: {lognorm: {mean: 1}}\n",
            "s.yaml:16:9: workloads[0].cpu.lognorm: unknown distribution \"lognorm\" (did you mean \"lognormal\"?); expected one of constant, uniform, exponential, lognormal, weibull, normal or empirical");
        yield return Case("two distributions", Minimal + "workloads:\n" + Job + "  cpu: {uniform: {min: 1, max: 2}, normal: {mean: 1, sd: 1}}\n",
            "s.yaml:16:8: workloads[0].cpu: expected one distribution, got uniform and normal");
        yield return Case("clamps without a distribution", Minimal + "workloads:\n" + Job + "  cpu: {min: 1}\n",
            "s.yaml:16:8: workloads[0].cpu: expected one of constant, uniform, exponential, lognormal, weibull, normal or empirical beside min and max");
        yield return Case("clamp min above max", Minimal + "workloads:\n" + Job + "  cpu: {exponential: {mean: 1}, min: 2, max: 1}\n",
            "s.yaml:16:46: workloads[0].cpu.max: expected at least min (2), got \"1\"");
        yield return Case("uniform max below min", Minimal + "workloads:\n" + Job.Replace("duration: 1m", "duration: {uniform: {min: 5m, max: 1m}}", StringComparison.Ordinal) + "  cpu: 1\n",
            "s.yaml:14:38: workloads[0].duration.uniform.max: expected at least min (5m), got \"1m\"");
        yield return Case("distribution parameters out of range", Minimal + "workloads:\n" + Job.Replace("duration: 1m", "duration: {exponential: {mean: 0s}}", StringComparison.Ordinal)
            + "  cpu: {normal: {mean: 1, sd: -1}}\n  gpu: {empirical: []}\n  replicas: 2\n",
            "s.yaml:14:34: workloads[0].duration.exponential.mean: expected a positive value, got \"0s\"",
            "s.yaml:16:31: workloads[0].cpu.normal.sd: '-1' is negative; expected a non-negative amount",
            "s.yaml:17:20: workloads[0].gpu.empirical: expected at least one value, got an empty list",
            "s.yaml:18:3: workloads[0].replicas: field \"replicas\" is not used by kind Job (only by Deployment)");
        yield return Case("log-normal with mixed parameters", Minimal + "workloads:\n" + Job.Replace("duration: 1m", "duration: {lognormal: {mean: 1m, sigma: 1}}", StringComparison.Ordinal) + "  cpu: 1\n",
            "s.yaml:14:25: workloads[0].duration.lognormal: expected either mean and sd (of the value), or mu and sigma (of its logarithm)");
        yield return Case("unknown workload kind", Minimal + "workloads:\n- {name: w, kind: Deploy, cpu: 1, memory: 1Gi}\n",
            "s.yaml:11:19: workloads[0].kind: unknown kind \"Deploy\" (did you mean \"Deployment\"?); expected Deployment, Job, Manifests or Trace");
        yield return Case("a key of another kind", Minimal + "workloads:\n" + Job + "  cpu: 1\n  lifetime: 1h\n",
            "s.yaml:17:3: workloads[0].lifetime: field \"lifetime\" is not used by kind Job (only by Deployment)");
        yield return Case("workload name", Minimal + "workloads:\n" + Job.Replace("name: w", "name: Web_1", StringComparison.Ordinal) + "  cpu: 1\n",
            "s.yaml:11:9: workloads[0].name: expected a name of lowercase letters, digits and '-' that starts and ends with a letter or digit, at most 63 characters, got \"Web_1\"");
        yield return Case("duplicate workload", Minimal + "workloads:\n" + Job + "  cpu: 1\n" + Job + "  cpu: 1\n",
            "s.yaml:17:9: workloads[1].name: duplicate workload name \"w\" (also at line 11)");
        yield return Case("count missing without arrivals", Minimal + "workloads:\n- {name: w, kind: Job, duration: 1m, cpu: 1, memory: 1Gi}\n",
            "s.yaml:11:3: workloads[0]: missing required field \"count\" (how many items; without arrivals they all arrive at the start)");
        yield return Case("stop before start", Minimal + "workloads:\n- {name: w, kind: Job, count: 1, start: 10m, stop: 5m, duration: 1m, cpu: 1, memory: 1Gi}\n",
            "s.yaml:11:52: workloads[0].stop: expected a time after start (10m), got \"5m\"");
        yield return Case("unknown arrival process", Minimal + "workloads:\n" + Job + "  cpu: 1\n  arrivals: {poison: {rate: 1/s}}\n",
            "s.yaml:17:14: workloads[0].arrivals.poison: unknown arrival process \"poison\" (did you mean \"poisson\"?); expected one of poisson, fixed, mmpp or diurnal");
        yield return Case("rate without a unit", Minimal + "workloads:\n" + Job + "  cpu: 1\n  arrivals: {poisson: {rate: 2}}\n",
            "s.yaml:17:30: workloads[0].arrivals.poisson.rate: expected a rate such as 2/min, 60/h or 0.5/s, got \"2\"");
        yield return Case("arrival processes out of range", Minimal + "workloads:\n"
            + "- {name: w, kind: Job, arrivals: {mmpp: {rates: [0/min, 0/h], sojourns: [1m, 1m]}}, duration: 1m, cpu: 1, memory: 1Gi}\n"
            + "- {name: v, kind: Job, arrivals: {mmpp: {rates: [1/min], sojourns: [1m, 1m]}}, duration: 1m, cpu: 1, memory: 1Gi}\n"
            + "- {name: x, kind: Job, arrivals: {diurnal: {mean: 1/min, amplitude: 1.5}}, duration: 1m, cpu: 1, memory: 1Gi}\n"
            + "- {name: y, kind: Job, arrivals: {fixed: [1m, -1m]}, duration: 1m, cpu: 1, memory: 1Gi}\n",
            "s.yaml:11:49: workloads[0].arrivals.mmpp.rates: expected at least one positive rate, got only zeros",
            "s.yaml:12:68: workloads[1].arrivals.mmpp.sojourns: expected one mean sojourn per rate (1), got 2",
            "s.yaml:13:69: workloads[2].arrivals.diurnal.amplitude: expected a number from 0 to 1, got \"1.5\"",
            "s.yaml:14:47: workloads[3].arrivals.fixed[1]: expected a duration that is not negative, got \"-1m\"");
        yield return Case("tolerations and pod fields", Minimal + "workloads:\n- name: w\n  kind: Deployment\n  count: 1\n  cpu: 1\n  memory: 1Gi\n"
            + "  tolerations: [{key: a, operator: Exists, value: b, effect: NoSchedule, tolerationSeconds: 5}]\n  minAvailable: 150%\n  labels: {sim.workload: x}\n  limitRatio: 0.5\n",
            "s.yaml:16:51: workloads[0].tolerations[0].value: expected no value with operator Exists, got \"b\"",
            "s.yaml:16:93: workloads[0].tolerations[0].tolerationSeconds: applies only with effect NoExecute, got effect NoSchedule",
            "s.yaml:17:17: workloads[0].minAvailable: expected a number of pods or a percentage such as 50%, got \"150%\"",
            "s.yaml:18:12: workloads[0].labels[sim.workload]: keys starting with \"sim.\" are set by Sim; choose another key",
            "s.yaml:19:15: workloads[0].limitRatio: expected a number of at least 1 (limits are at least the requests), got \"0.5\"");
        yield return Case("fault kinds and keys", Minimal + "faults:\n- {name: a, kind: NodeCrash, timeToFailure: 1h}\n- {name: a, kind: NodeCrash, timeToFailure: 2h, nodes: [x]}\n- {name: b, kind: Outage}\n",
            "s.yaml:12:49: faults[1].nodes: field \"nodes\" is not used by kind NodeCrash (only by NodeFailure, KubeletPartition, Drain and RollingUpgrade)",
            "s.yaml:13:19: faults[2].kind: unknown kind \"Outage\"; expected NodeCrash, NodeFailure, ZoneOutage, KubeletPartition, PodCrash, Drain, RollingUpgrade, ApiLatencySpike, SchedulerOutage or ServerEventReplay");
        yield return Case("node crash stop before its start", Minimal + "faults:\n- {name: a, kind: NodeCrash, timeToFailure: 1h, start: 2h, stop: 1h}\n",
            "s.yaml:11:66: faults[0].stop: expected a time after start (2h), got 1h");
        yield return Case("duplicate fault", Minimal + "faults:\n- {name: a, kind: NodeCrash, timeToFailure: 1h}\n- {name: a, kind: NodeCrash, timeToFailure: 2h}\n",
            "s.yaml:12:10: faults[1].name: duplicate fault name \"a\" (also at line 11)");
        yield return Case("fault in a zone no pool has", Minimal + "faults:\n- {name: z, kind: ZoneOutage, zone: zone-c, at: 10m}\n",
            "s.yaml:11:37: faults[0].zone: no node is in zone \"zone-c\" (did you mean \"zone-a\"?); the cluster's zones are zone-a, zone-b");
        yield return Case("fault on a node the cluster does not have", Minimal + "faults:\n- {name: z, kind: NodeFailure, nodes: [general-3], at: 10m, duration: 0s}\n",
            "s.yaml:11:40: faults[0].nodes[0]: no node \"general-3\" in the cluster; pool nodes are general-0 … general-2",
            "s.yaml:11:71: faults[0].duration: expected a positive duration, got \"0s\"");
        yield return Case("timings", Minimal + "timings: {schedulingCycle: {exponential: {mean: 1ms}, uniform: {min: 1ms, max: 2ms}}, imagePullBytesPerSecond: 0, watchLatency: {normal: {mean: 1ms}}, apiRequestLatncy: 5ms}\n",
            "s.yaml:10:28: timings.schedulingCycle: expected one distribution, got uniform and exponential",
            "s.yaml:10:112: timings.imagePullBytesPerSecond: expected a positive amount, got \"0\"",
            "s.yaml:10:130: timings.watchLatency.normal: unknown distribution \"normal\"; expected one of constant, uniform or exponential",
            "s.yaml:10:152: timings.apiRequestLatncy: unknown field \"apiRequestLatncy\" (did you mean \"apiRequestLatency\"?)");
        yield return Case("eviction limits", Minimal + "timings: {nodeEvictionRate: -1/s, secondaryNodeEvictionRate: 0.01, unhealthyZoneThreshold: 1.5, largeClusterSizeThreshold: -3}\n",
            "s.yaml:10:29: timings.nodeEvictionRate: expected a rate that is not negative, got \"-1/s\"",
            "s.yaml:10:62: timings.secondaryNodeEvictionRate: expected a rate such as 2/min, 60/h or 0.5/s, got \"0.01\"",
            "s.yaml:10:92: timings.unhealthyZoneThreshold: expected a fraction from 0 to 1, got \"1.5\"",
            "s.yaml:10:124: timings.largeClusterSizeThreshold: expected a whole number of at least 0, got \"-3\"");
        yield return Case("seed range backwards", Minimal + "seeds: 5..1\n",
            "s.yaml:10:8: seeds: expected a range whose end is not below its start, got \"5..1\"");
        yield return Case("seeds repeated or not numbers", Minimal + "seeds: [1, 1, x, -2]\n",
            "s.yaml:10:12: seeds[1]: duplicate seed 1 (also at line 10)",
            "s.yaml:10:15: seeds[2]: expected a seed (a whole number that is not negative), got \"x\"",
            "s.yaml:10:18: seeds[3]: expected a seed (a whole number that is not negative), got \"-2\"");
        yield return Case("too many seeds", Minimal + "seeds: 1..1000000\n",
            "s.yaml:10:8: seeds: expected at most 100,000 seeds, got \"1..1000000\"");
        yield return Case("sweep path that does not exist", Minimal + "sweep:\n- parameter: cluster.pools.generl.count\n  values: [1, 2]\n",
            "s.yaml:11:14: sweep[0].parameter: cluster.pools has no item \"generl\" (did you mean \"general\"?); items are named by their name or index (general)");
        yield return Case("sweep paths that cannot be swept", Minimal + "sweep:\n"
            + "- {parameter: name, values: [a, b]}\n- {parameter: cluster.pools.general, values: [{}]}\n- {parameter: cluster.pools.0.count, values: [1]}\n"
            + "- {parameter: cluster.pools.general.count.x, values: [1]}\n- {parameter: duration, values: [1h, 1h]}\n- {parameter: clustr, values: [1]}\n",
            "s.yaml:11:15: sweep[0].parameter: \"name\" cannot be swept; variants are named after it",
            "s.yaml:13:15: sweep[2].parameter: overlaps sweep[1] (cluster.pools.general)",
            "s.yaml:14:15: sweep[3].parameter: cluster.pools.general.count is a single value; it has no \"x\"",
            "s.yaml:15:38: sweep[4].values[1]: duplicate value 1h (also at line 15)",
            "s.yaml:16:15: sweep[5].parameter: the scenario has no field \"clustr\" (did you mean \"cluster\"?)");
        yield return Case("a swept value that is not valid", Minimal + "sweep:\n- parameter: cluster.pools.general.count\n  values: [1, x]\n",
            "s.yaml:12:15: cluster.pools[0].count: expected a whole number from 1 to 1,000,000, got \"x\" (in variant s[cluster.pools.general.count=x])");
        yield return Case("a swept value valid only in some variants", Minimal + "faults:\n- {name: f, kind: NodeFailure, nodes: [general-2], at: 1m}\nsweep:\n- {parameter: cluster.pools.general.count, label: n, values: [3, 2]}\n",
            "s.yaml:11:40: faults[0].nodes[0]: no node \"general-2\" in the cluster; pool nodes are general-0 … general-1 (in variant s[n=2])");
        yield return Case("empty file", string.Empty,
            "s.yaml: empty file; expected a scenario: a mapping with name, duration, policies and cluster");
        yield return Case("only comments", "# nothing\n\n",
            "s.yaml: empty file; expected a scenario: a mapping with name, duration, policies and cluster");
        yield return Case("not a mapping", "- a\n- b\n",
            "s.yaml:1:1: (document): expected a scenario: a mapping with name, duration, policies and cluster, got a list");
        yield return Case("two documents", Minimal + "---\nname: t\n",
            "s.yaml:11:1: expected one scenario document, found 2");
        yield return Case("YAML syntax", Minimal + "  bad: [\n",
            "s.yaml:11:1: YAML syntax error: while parsing a node, did not find expected node content.");
        yield return Case("a key twice", Minimal + "name: t\n",
            "s.yaml:10:1: YAML syntax error: duplicate key name");
        yield return Case("a recursive alias", Minimal + "description: &a [*a]\n",
            "s.yaml:10:14: description: expected text, got a list");
    }

    [TestCaseSource(nameof(BadScenarios))]
    public void Bad_input_is_reported_with_line_column_field_and_what_was_expected(string text, string[] expected)
    {
        var result = Read(text);

        Assert.Multiple(() =>
        {
            Assert.That(Messages(result), Is.EqualTo(expected));
            Assert.That(result.Value, Is.Null);
            Assert.That(result.Succeeded, Is.False);
        });
    }

    [Test]
    public void Every_error_of_a_file_is_reported_at_once_in_file_order()
    {
        const string text = """
            name: many errors
            duration: soon
            seeds: 0..x
            policies: [kubernetes-default, fastest]
            cluster:
              pools:
              - {name: a, count: -1, allocatable: {cpu: 1, memory: lots}}
            workloads:
            - {name: w, kind: Job, count: 1, duration: 1m, cpu: 1, memory: 1Gi, colour: red}
            faults:
            - {name: f, kind: ZoneOutage, at: 1m}
            outputs: {events: maybe}

            """;

        var result = Read(text);

        Assert.That(Messages(result), Is.EqualTo(new[]
        {
            "s.yaml:1:7: name: expected a name of letters, digits, '.', '_' and '-' that starts and ends with a letter or digit, got \"many errors\"",
            "s.yaml:2:11: duration: expected a duration such as 90s, 10m, 2h, 1h30m or 1d, got \"soon\"",
            "s.yaml:3:8: seeds: expected a seed (a whole number), a range such as 1..5 or a list of seeds, got \"0..x\"",
            "s.yaml:4:32: policies[1]: unknown policy \"fastest\"; known policies: best-fit, dot-product, first-fit, kubernetes-default, most-allocated, random, requested-to-capacity-ratio, spread, worst-fit (or give a name and a KubeSchedulerConfiguration file as config)",
            "s.yaml:7:22: cluster.pools[0].count: expected a whole number from 1 to 1,000,000, got \"-1\"",
            "s.yaml:7:56: cluster.pools[0].allocatable[memory]: quantity 'lots' is not a number with a suffix; expected e.g. 100m, 1.5, 2Gi or 1e3",
            "s.yaml:9:69: workloads[0].colour: unknown field \"colour\"",
            "s.yaml:11:3: faults[0]: missing required field \"zone\" (the zone that goes down)",
            "s.yaml:12:19: outputs.events: expected true or false, got \"maybe\"",
        }));
    }

    [Test]
    public void A_warning_does_not_refuse_the_file()
    {
        var result = Read(Minimal + "faults:\n- {name: late, kind: ZoneOutage, zone: zone-a, at: 2h}\n");

        Assert.Multiple(() =>
        {
            Assert.That(Messages(result), Is.EqualTo(new[] { "s.yaml:11:52: warning: faults[0].at: 2h is not before the end of the run (1h); the fault never happens" }));
            Assert.That(result.Succeeded, Is.True);
        });
    }

    [Test]
    public void Deep_nesting_is_an_error_in_bounded_time()
    {
        var watch = Stopwatch.StartNew();

        var result = Read(Minimal + "description: " + new string('[', 1_000_000) + "\n");

        Assert.Multiple(() =>
        {
            Assert.That(Messages(result), Is.EqualTo(new[] { "s.yaml:10:77: nesting deeper than 64 levels" }));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        });
    }

    [Test]
    public void An_alias_bomb_is_an_error_not_a_hang()
    {
        var anchors = string.Join("\n", Enumerable.Range(1, 9).Select(i => $"  a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]"));
        var text = Minimal + "    labels:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n".Replace("  a0", "      a0", StringComparison.Ordinal)
            + anchors.Replace("  a", "      a", StringComparison.Ordinal) + "\n";
        var watch = Stopwatch.StartNew();

        var result = Read(text);

        Assert.Multiple(() =>
        {
            Assert.That(result.Errors.Select(e => e.Message), Has.Some.StartsWith("cluster.pools[0].labels[a0]: expected a label value, got a list"));
            Assert.That(result.Errors.Count(), Is.EqualTo(10), "one error per label, not one per expanded value");
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        });
    }
}
