using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Experiments.Scenarios;
using Sim.Faults;
using Sim.Workloads;
using static Sim.Experiments.Tests.Scenarios.ScenarioFiles;

namespace Sim.Experiments.Tests.Scenarios;

public class ScenarioReaderTests
{
    private const string Full = """
        name: full
        description: Every key of the format.
        duration: 1h30m
        seeds: [1, 4, 9]
        sampleInterval: 30s
        policies:
        - kubernetes-default
        - spread
        cluster:
          pools:
          - name: general
            count: 6
            zones: [zone-a, zone-b, zone-c]
            region: r1
            instanceType: m5.4xlarge
            allocatable: {cpu: "16", memory: 64Gi, pods: 110, nvidia.com/gpu: 0}
            labels: {team: blue}
            taints: [{key: dedicated, value: blue, effect: NoSchedule}]
          - name: small
            count: 2
            allocatable: {cpu: 2500m, memory: 4Gi}
        timings:
          watchLatency: {exponential: {mean: 20ms}}
          apiRequestLatency: 7ms
          sandboxStart: {uniform: {min: 100ms, max: 900ms}}
          imagePullBytesPerSecond: 50M
          nodeMonitorGracePeriod: 40s
          defaultTolerationSeconds: 120
          nodeEvictionRate: 6/min
          secondaryNodeEvictionRate: 0.02/s
          unhealthyZoneThreshold: 0.4
          largeClusterSizeThreshold: 20
        workloads:
        - name: web
          kind: Deployment
          count: 40
          arrivals: {poisson: {rate: 2/min}}
          start: 5m
          stop: 1h
          namespace: shop
          priorityClassName: high
          labels: {tier: front}
          replicas: {uniform: {min: 2, max: 6}}
          cpu: {lognormal: {mean: 500m, sd: 300m}, min: 100m, max: 4}
          memory: 1Gi
          gpu: 0
          limitRatio: 2
          image: registry.example/web:1.0
          nodeSelector: {team: blue}
          tolerations:
          - {key: dedicated, operator: Equal, value: blue, effect: NoSchedule}
          - {operator: Exists}
          lifetime: {exponential: {mean: 30m}}
          service: false
          spreadAcrossZones: true
          minAvailable: 50%
        - name: batch
          kind: Job
          arrivals: {mmpp: {rates: [10/min, 60/h], sojourns: [5m, 30m]}}
          parallelism: {uniform: {min: 1, max: 4}}
          completions: 8
          duration: {weibull: {shape: 1.5, scale: 10m}}
          cpu: 1
          memory: {normal: {mean: 2Gi, sd: 512Mi}, min: 256Mi}
          ttlAfterFinished: 2m
        - name: daily
          kind: Job
          count: 100
          arrivals: {diurnal: {mean: 1/min, amplitude: 0.5, peak: 14h}}
          duration: {empirical: [30s, 1m, 90s]}
          cpu: {constant: 250m}
          memory: {lognormal: {mu: 20, sigma: 0.5}}
        - name: fixed
          kind: Deployment
          arrivals: {fixed: [10m, 0s]}
          cpu: 100m
          memory: 128Mi
        faults:
        - name: crashes
          kind: NodeCrash
          timeToFailure: {exponential: {mean: 24h}}
          timeToRecover: {lognormal: {mean: 10m, sd: 5m}}
          nodeSelector: {sim.pool: general}
          start: 10m
          stop: 2h
        - name: two-down
          kind: NodeFailure
          nodes: [general-0, small-1]
          at: 20m
        - name: zone-b-down
          kind: ZoneOutage
          zone: zone-b
          at: 1h
          duration: 10m
        outputs: {events: true}

        """;

    [Test]
    public void A_full_file_binds_every_key_into_the_model_in_the_fields_units()
    {
        var result = Read(Full);

        Assert.That(Messages(result), Is.Empty);
        var file = result.Value!;
        var s = file.Variants.Single();
        Assert.Multiple(() =>
        {
            Assert.That(file.Name, Is.EqualTo("full"));
            Assert.That(file.Path, Is.EqualTo("s.yaml"));
            Assert.That(s.Name, Is.EqualTo("full"));
            Assert.That(s.Description, Is.EqualTo("Every key of the format."));
            Assert.That(s.Duration, Is.EqualTo(TimeSpan.FromMinutes(90)));
            Assert.That(s.Seeds, Is.EqualTo(new ulong[] { 1, 4, 9 }));
            Assert.That(s.SampleInterval, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(s.Policies, Is.EqualTo(new[] { new PolicySpec("kubernetes-default"), new PolicySpec("spread") }));
            Assert.That(s.WriteEvents, Is.True);
            Assert.That(s.Parameters, Is.Empty);
        });

        var general = s.Cluster.Pools[0];
        Assert.Multiple(() =>
        {
            Assert.That(s.Cluster.Pools.Select(p => p.Name), Is.EqualTo(new[] { "general", "small" }));
            Assert.That(general.Count, Is.EqualTo(6));
            Assert.That(general.Zones, Is.EqualTo(new[] { "zone-a", "zone-b", "zone-c" }));
            Assert.That(general.Region, Is.EqualTo("r1"));
            Assert.That(general.InstanceType, Is.EqualTo("m5.4xlarge"));
            Assert.That(general.Allocatable.MilliCpu, Is.EqualTo(16_000));
            Assert.That(general.Allocatable.Memory, Is.EqualTo(64L << 30));
            Assert.That(general.Allocatable.Pods, Is.EqualTo(110));
            Assert.That(general.Allocatable.Scalars[ResourceNames.NvidiaGpu], Is.Zero);
            Assert.That(general.Labels, Is.EqualTo(new Dictionary<string, string> { ["team"] = "blue" }));
            Assert.That(general.Taints, Is.EqualTo(new[] { new Taint("dedicated", "blue", TaintEffect.NoSchedule) }));
            Assert.That(s.Cluster.Pools[1].Allocatable.MilliCpu, Is.EqualTo(2_500));
            Assert.That(s.Cluster.Pools[1].Allocatable.Pods, Is.EqualTo(110), "pods defaults to the kubelet's maxPods");
            Assert.That(s.Cluster.Pools[1].Zones, Is.Empty);
            Assert.That(s.Cluster.Nodes, Is.Empty);
        });

        Assert.Multiple(() =>
        {
            Assert.That(s.Timings.WatchLatency, Is.EqualTo(Cluster.Delay.Exponential(TimeSpan.FromMilliseconds(20))));
            Assert.That(s.Timings.ApiRequestLatency, Is.EqualTo(TimeSpan.FromMilliseconds(7)));
            Assert.That(s.Timings.SandboxStart, Is.EqualTo(Cluster.Delay.Uniform(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(900))));
            Assert.That(s.Timings.ImagePullBytesPerSecond, Is.EqualTo(50_000_000));
            Assert.That(s.Timings.NodeMonitorGracePeriod, Is.EqualTo(TimeSpan.FromSeconds(40)));
            Assert.That(s.Timings.DefaultTolerationSeconds, Is.EqualTo(120));
            Assert.That(s.Timings.NodeEvictionRate, Is.EqualTo(0.1).Within(1e-12));
            Assert.That(s.Timings.SecondaryNodeEvictionRate, Is.EqualTo(0.02));
            Assert.That(s.Timings.UnhealthyZoneThreshold, Is.EqualTo(0.4));
            Assert.That(s.Timings.LargeClusterSizeThreshold, Is.EqualTo(20));
            Assert.That(s.Timings.ContainerStart, Is.EqualTo(new Cluster.ClusterTimings().ContainerStart), "unset timings keep their defaults");
        });

        var web = (DeploymentWorkload)s.Workloads[0];
        Assert.Multiple(() =>
        {
            Assert.That(web.Name, Is.EqualTo("web"));
            Assert.That(web.Count, Is.EqualTo(40));
            Assert.That(web.Arrivals, Is.EqualTo(ArrivalProcess.Poisson(2.0 / 60)));
            Assert.That(web.Start, Is.EqualTo(TimeSpan.FromMinutes(5)));
            Assert.That(web.Stop, Is.EqualTo(TimeSpan.FromHours(1)));
            Assert.That(web.Namespace, Is.EqualTo("shop"));
            Assert.That(web.PriorityClassName, Is.EqualTo("high"));
            Assert.That(web.Labels, Is.EqualTo(new Dictionary<string, string> { ["tier"] = "front" }));
            Assert.That(web.Replicas, Is.EqualTo(Distribution.Uniform(2, 6)));
            Assert.That(web.Replicas.Mean, Is.EqualTo(4));
            Assert.That(web.Pod.Cpu, Is.EqualTo(Distribution.LogNormalFromMean(500, 300).Clamp(100, 4000)), "milli-CPU, clamped to [100m, 4]");
            Assert.That(web.Pod.Cpu.Mean, Is.EqualTo(500).Within(1e-9));
            Assert.That(web.Pod.Memory, Is.EqualTo(Distribution.Constant(1L << 30)), "bytes");
            Assert.That(web.Pod.Gpu, Is.EqualTo(Distribution.Constant(0)));
            Assert.That(web.Pod.LimitRatio, Is.EqualTo(2));
            Assert.That(web.Pod.Image, Is.EqualTo("registry.example/web:1.0"));
            Assert.That(web.Pod.NodeSelector, Is.EqualTo(new Dictionary<string, string> { ["team"] = "blue" }));
            Assert.That(web.Pod.Tolerations, Is.EqualTo(new[]
            {
                new Toleration("dedicated", TolerationOperator.Equal, "blue", TaintEffect.NoSchedule),
                new Toleration(Operator: TolerationOperator.Exists),
            }));
            Assert.That(web.Lifetime, Is.EqualTo(Distribution.Exponential(1800)), "seconds");
            Assert.That(web.Service, Is.False);
            Assert.That(web.SpreadAcrossZones, Is.True);
            Assert.That(web.MinAvailable, Is.EqualTo(IntOrPercent.Percent(50)));
        });

        var batch = (JobWorkload)s.Workloads[1];
        var daily = (JobWorkload)s.Workloads[2];
        var fixedArrivals = (DeploymentWorkload)s.Workloads[3];
        Assert.Multiple(() =>
        {
            Assert.That(batch.Count, Is.Null, "arrivals without a count go on to the end of the run");
            Assert.That(batch.Arrivals, Is.EqualTo(ArrivalProcess.Mmpp([10.0 / 60, 60.0 / 3600], [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)])).Using<ArrivalProcess>(SameText));
            Assert.That(batch.Parallelism, Is.EqualTo(Distribution.Uniform(1, 4)));
            Assert.That(batch.Completions, Is.EqualTo(Distribution.Constant(8)));
            Assert.That(batch.Duration, Is.EqualTo(Distribution.Weibull(1.5, 600)));
            Assert.That(batch.Pod.Cpu, Is.EqualTo(Distribution.Constant(1000)));
            Assert.That(batch.Pod.Memory, Is.EqualTo(Distribution.Normal(2L << 30, 512L << 20).Clamp(256L << 20, null)));
            Assert.That(batch.TtlAfterFinished, Is.EqualTo(TimeSpan.FromMinutes(2)));
            Assert.That(batch.Namespace, Is.EqualTo("default"));
            Assert.That(daily.Arrivals, Is.EqualTo(ArrivalProcess.Diurnal(1.0 / 60, 0.5, TimeSpan.FromDays(1), TimeSpan.FromHours(14))));
            Assert.That(daily.Duration.ToString(), Is.EqualTo("empirical(3 values)"));
            Assert.That(daily.Duration.Mean, Is.EqualTo(60));
            Assert.That(daily.Pod.Cpu, Is.EqualTo(Distribution.Constant(250)));
            Assert.That(daily.Pod.Memory, Is.EqualTo(Distribution.LogNormal(20, 0.5)));
            Assert.That(daily.TtlAfterFinished, Is.EqualTo(TimeSpan.FromSeconds(60)), "the default");
            Assert.That(fixedArrivals.Arrivals, Is.EqualTo(ArrivalProcess.Fixed([TimeSpan.Zero, TimeSpan.FromMinutes(10)])).Using<ArrivalProcess>(SameText));
            Assert.That(fixedArrivals.Replicas, Is.EqualTo(Distribution.Constant(1)), "one replica by default");
            Assert.That(fixedArrivals.Service, Is.True, "a Service by default");
            Assert.That(fixedArrivals.Pod.Gpu, Is.Null);
            Assert.That(fixedArrivals.Pod.Tolerations, Is.Empty);
        });

        Assert.Multiple(() =>
        {
            var crashes = (NodeCrashFault)s.Faults[0];
            Assert.That(crashes.Name, Is.EqualTo("crashes"));
            Assert.That(crashes.TimeToFailure, Is.EqualTo(Distribution.Exponential(86_400)));
            Assert.That(crashes.TimeToRecover, Is.EqualTo(Distribution.LogNormalFromMean(600, 300)));
            Assert.That(crashes.TimeToRecover!.Mean, Is.EqualTo(600).Within(1e-9));
            Assert.That(crashes.NodeSelector, Is.EqualTo(new Dictionary<string, string> { ["sim.pool"] = "general" }));
            Assert.That(crashes.Start, Is.EqualTo(TimeSpan.FromMinutes(10)));
            Assert.That(crashes.Stop, Is.EqualTo(TimeSpan.FromHours(2)));
            var twoDown = (ScheduledNodeFault)s.Faults[1];
            Assert.That(twoDown.Nodes, Is.EqualTo(new[] { "general-0", "small-1" }));
            Assert.That(twoDown.At, Is.EqualTo(TimeSpan.FromMinutes(20)));
            Assert.That(twoDown.Duration, Is.Null);
            Assert.That(s.Faults[2], Is.EqualTo(new ZoneOutageFault { Name = "zone-b-down", Zone = "zone-b", At = TimeSpan.FromHours(1), Duration = TimeSpan.FromMinutes(10) }));
        });
    }

    [Test]
    public void Defaults_fill_what_a_minimal_file_leaves_out()
    {
        var s = Read(Minimal).Value!.Variants.Single();

        Assert.Multiple(() =>
        {
            Assert.That(s.Seeds, Is.EqualTo(new ulong[] { 1 }));
            Assert.That(s.SampleInterval, Is.EqualTo(TimeSpan.FromMinutes(1)));
            Assert.That(s.Description, Is.Empty);
            Assert.That(s.Workloads, Is.Empty);
            Assert.That(s.Faults, Is.Empty);
            Assert.That(s.WriteEvents, Is.False);
            Assert.That(s.Timings, Is.EqualTo(new Cluster.ClusterTimings()));
        });
    }

    [TestCase("seeds: 7", new ulong[] { 7 })]
    [TestCase("seeds: 3..6", new ulong[] { 3, 4, 5, 6 })]
    [TestCase("seeds: [9, 2]", new ulong[] { 9, 2 })]
    [TestCase("seeds: 18446744073709551615", new ulong[] { ulong.MaxValue })]
    public void Seeds_are_a_number_a_range_or_a_list(string line, ulong[] expected)
    {
        var result = Read(Minimal + line + "\n");

        Assert.That(result.Value!.Variants.Single().Seeds, Is.EqualTo(expected));
    }

    [TestCase("90s", 90)]
    [TestCase("10m", 600)]
    [TestCase("2h", 7200)]
    [TestCase("1h30m", 5400)]
    [TestCase("1d", 86_400)]
    [TestCase("1.5h", 5400)]
    [TestCase("250ms", 0.25)]
    [TestCase("45", 45)]
    [TestCase("2.5", 2.5)]
    public void Durations_take_units_and_a_bare_number_is_seconds(string text, double seconds)
    {
        var result = Read(Minimal.Replace("duration: 1h", $"duration: {text}", StringComparison.Ordinal));

        Assert.That(result.Value!.Variants.Single().Duration, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [TestCase("2/min", 2.0 / 60)]
    [TestCase("60/h", 60.0 / 3600)]
    [TestCase("0.5/s", 0.5)]
    [TestCase("48/d", 48.0 / 86_400)]
    public void Rates_take_a_time_unit(string text, double perSecond)
    {
        var result = Read(Minimal + $"workloads:\n- {{name: w, kind: Job, arrivals: {{poisson: {{rate: {text}}}}}, duration: 1m, cpu: 1, memory: 1Gi}}\n");

        Assert.That(result.Value!.Variants.Single().Workloads[0].Arrivals, Is.EqualTo(ArrivalProcess.Poisson(perSecond)));
    }

    [Test]
    public void Garbage_in_any_value_gives_errors_never_an_exception()
    {
        string[] garbage = ["[", "{}", "[]", "[1, [2]]", "{a: 1}", "-1", "x", "~", "1e400", "0", "&a [*a]", "\"\"", "99999999999999999999"];
        var lines = Full.Split('\n');
        var failures = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf(": ", StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            foreach (var value in garbage)
            {
                var mutated = lines.ToArray();
                mutated[i] = lines[i][..(colon + 2)] + value;
                try
                {
                    var result = Read(string.Join('\n', mutated));
                    if (result.Succeeded && result.Value!.Variants.IsEmpty)
                    {
                        failures.Add($"line {i + 1} = {value}: succeeded without a scenario");
                    }
                }
                catch (Exception e) when (e is not AssertionException)
                {
                    failures.Add($"line {i + 1} = {value}: {e.GetType().Name}: {e.Message}");
                }
            }
        }

        Assert.That(failures, Is.Empty);
    }

    private static bool SameText(ArrivalProcess a, ArrivalProcess b) =>
        a.ToString() == b.ToString() && Enumerable.SequenceEqual(Times(a), Times(b));

    /// <summary>The first arrivals (at most 100) of a process from a fixed generator.</summary>
    private static IEnumerable<TimeSpan?> Times(ArrivalProcess process)
    {
        var arrivals = process.Start(new Random(0));
        var t = arrivals.NextArrival();
        for (var i = 0; i < 100 && t is not null; i++, t = arrivals.NextArrival())
        {
            yield return t;
        }
    }

    [Test]
    public void The_eviction_limits_example_of_the_format_reference_gives_the_upstream_defaults()
    {
        var blocks = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "scenario-format.md")).Split("```yaml\n").Skip(1).Select(b => b[..b.IndexOf("```", StringComparison.Ordinal)]);
        var example = blocks.Single(b => b.StartsWith("timings:", StringComparison.Ordinal));

        var result = Read(Minimal + example);

        Assert.That(Messages(result), Is.Empty);
        var timings = result.Value!.Variants[0].Timings;
        var defaults = new Cluster.ClusterTimings();
        Assert.That(
            (timings.NodeEvictionRate, timings.SecondaryNodeEvictionRate, timings.UnhealthyZoneThreshold, timings.LargeClusterSizeThreshold),
            Is.EqualTo((defaults.NodeEvictionRate, defaults.SecondaryNodeEvictionRate, defaults.UnhealthyZoneThreshold, defaults.LargeClusterSizeThreshold)));
    }
}
