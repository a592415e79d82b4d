using Sim.Workloads;
using static Sim.Experiments.Tests.Scenarios.ScenarioFiles;

namespace Sim.Experiments.Tests.Scenarios;

public class SweepTests
{
    private const string Swept = """
        name: grid
        duration: 1h
        policies: [kubernetes-default]
        cluster:
          pools:
          - {name: general, count: 3, allocatable: {cpu: 4, memory: 8Gi}}
          - {name: gpu, count: 1, allocatable: {cpu: 8, memory: 32Gi, nvidia.com/gpu: 4}}
        workloads:
        - name: web
          kind: Deployment
          arrivals: {poisson: {rate: 1/min}}
          cpu: 500m
          memory: 1Gi
        sweep:
        - parameter: cluster.pools.general.count
          label: nodes
          values: [100, 200]
        - parameter: workloads.web.arrivals
          label: load
          values: [{poisson: {rate: 1/min}}, {poisson: {rate: 5/min}}, {fixed: [0s]}]
        - parameter: cluster.pools[1].allocatable['nvidia.com/gpu']
          values: [2]

        """;

    [Test]
    public void A_sweep_gives_one_variant_per_combination_the_last_parameter_fastest()
    {
        var result = Read(Swept);

        Assert.That(Messages(result), Is.Empty);
        var variants = result.Value!.Variants;
        Assert.Multiple(() =>
        {
            Assert.That(result.Value.Name, Is.EqualTo("grid"));
            Assert.That(variants.Select(v => v.Name), Is.EqualTo(new[]
            {
                "grid[nodes=100,load={poisson: {rate: 1/min}},cluster.pools[1].allocatable['nvidia.com/gpu']=2]",
                "grid[nodes=100,load={poisson: {rate: 5/min}},cluster.pools[1].allocatable['nvidia.com/gpu']=2]",
                "grid[nodes=100,load={fixed: [0s]},cluster.pools[1].allocatable['nvidia.com/gpu']=2]",
                "grid[nodes=200,load={poisson: {rate: 1/min}},cluster.pools[1].allocatable['nvidia.com/gpu']=2]",
                "grid[nodes=200,load={poisson: {rate: 5/min}},cluster.pools[1].allocatable['nvidia.com/gpu']=2]",
                "grid[nodes=200,load={fixed: [0s]},cluster.pools[1].allocatable['nvidia.com/gpu']=2]",
            }));
            Assert.That(variants.Select(v => v.Cluster.Pools[0].Count), Is.EqualTo(new[] { 100, 100, 100, 200, 200, 200 }));
            Assert.That(variants.Select(v => v.Cluster.Pools[1].Allocatable.Scalars["nvidia.com/gpu"]), Is.All.EqualTo(2));
            Assert.That(variants.Select(v => v.Workloads[0].Arrivals.ToString()), Is.EqualTo(new[]
            {
                ArrivalProcess.Poisson(1.0 / 60).ToString(), ArrivalProcess.Poisson(5.0 / 60).ToString(), "fixed(1 times)",
                ArrivalProcess.Poisson(1.0 / 60).ToString(), ArrivalProcess.Poisson(5.0 / 60).ToString(), "fixed(1 times)",
            }));
            Assert.That(variants[4].Parameters, Is.EqualTo(new KeyValuePair<string, string>[]
            {
                new("nodes", "200"), new("load", "{poisson: {rate: 5/min}}"), new("cluster.pools[1].allocatable['nvidia.com/gpu']", "2"),
            }));
            Assert.That(variants.Select(v => v.Cluster.Pools[1].Count), Is.All.EqualTo(1), "what is not swept stays as written");
        });
    }

    [Test]
    public void A_list_item_is_named_by_its_name_or_its_index_and_a_scalar_item_by_its_value()
    {
        var result = Read(Minimal + "sweep:\n- {parameter: policies.kubernetes-default, label: policy, values: [spread, best-fit]}\n- {parameter: cluster.pools.0.zones.1, label: zone, values: [zone-c]}\n");

        Assert.That(Messages(result), Is.Empty);
        Assert.Multiple(() =>
        {
            Assert.That(result.Value!.Variants.Select(v => v.Name), Is.EqualTo(new[] { "s[policy=spread,zone=zone-c]", "s[policy=best-fit,zone=zone-c]" }));
            Assert.That(result.Value.Variants.Select(v => v.Policies.Single().Name), Is.EqualTo(new[] { "spread", "best-fit" }));
            Assert.That(result.Value.Variants[0].Cluster.Pools[0].Zones, Is.EqualTo(new[] { "zone-a", "zone-c" }));
        });
    }

    [Test]
    public void Too_many_combinations_are_refused()
    {
        var values = "[" + string.Join(", ", Enumerable.Range(1, 101)) + "]";

        var result = Read(Minimal + $"sweep:\n- {{parameter: cluster.pools.general.count, values: {values}}}\n- {{parameter: duration, values: {values}}}\n");

        Assert.That(Messages(result), Is.EqualTo(new[] { "s.yaml:11:1: sweep: expected at most 10,000 combinations, got 10,201" }));
    }
}
