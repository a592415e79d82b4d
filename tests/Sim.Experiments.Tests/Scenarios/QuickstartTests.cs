using Sim.Experiments.Scenarios;
using Sim.Faults;
using Sim.Workloads;
using static Sim.Experiments.Tests.Scenarios.ScenarioFiles;

namespace Sim.Experiments.Tests.Scenarios;

public class QuickstartTests
{
    [Test]
    public void Quickstart_is_valid_and_compares_four_policies_over_five_seeds_on_300_nodes_in_3_zones()
    {
        var result = ScenarioReader.ReadFile(Path.Combine(RepositoryRoot(), "scenarios", "quickstart.yaml"), Options());

        Assert.That(result.Diagnostics.Select(d => d.ToString()), Is.Empty);
        var s = result.Value!.Variants.Single();
        Assert.Multiple(() =>
        {
            Assert.That(s.Name, Is.EqualTo("quickstart"));
            Assert.That(s.Policies.Select(p => p.Name), Is.EqualTo(new[] { "kubernetes-default", "most-allocated", "spread", "best-fit" }));
            Assert.That(s.Seeds, Is.EqualTo(new ulong[] { 1, 2, 3, 4, 5 }));
            Assert.That(s.Duration, Is.EqualTo(TimeSpan.FromMinutes(90)));
            Assert.That(s.Cluster.Pools.Sum(p => p.Count), Is.EqualTo(300));
            Assert.That(s.Cluster.Pools.SelectMany(p => p.Zones).Distinct(), Is.EquivalentTo(new[] { "zone-a", "zone-b", "zone-c" }));
            Assert.That(s.Workloads.OfType<DeploymentWorkload>().Any(w => w.Service && w.SpreadAcrossZones), Is.True);
            Assert.That(s.Workloads.OfType<JobWorkload>(), Is.Not.Empty);
            Assert.That(s.Faults.OfType<NodeCrashFault>(), Is.Not.Empty);
            Assert.That(s.Faults.OfType<ZoneOutageFault>().Single().Zone, Is.EqualTo("zone-b"));
        });
    }

    [Test]
    public void Every_scenario_in_the_folder_is_valid_and_listed_in_its_readme()
    {
        var folder = Path.Combine(RepositoryRoot(), "scenarios");
        var readme = File.ReadAllText(Path.Combine(folder, "README.md"));

        foreach (var file in Directory.GetFiles(folder, "*.yaml"))
        {
            var result = ScenarioReader.ReadFile(file, CatalogueOptions());
            Assert.That(result.Errors.Select(e => e.ToString()), Is.Empty, file);
            Assert.That(readme, Does.Contain($"({Path.GetFileName(file)})"), file);
        }
    }

    [Test]
    public void The_examples_of_the_format_reference_are_valid_and_the_sweep_gives_what_it_says()
    {
        var blocks = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "scenario-format.md")).Split("```yaml\n").Skip(1).Select(b => b[..b.IndexOf("```", StringComparison.Ordinal)]).ToList();
        var scenario = blocks.Single(b => b.StartsWith("name:", StringComparison.Ordinal));
        var sweep = blocks.Single(b => b.StartsWith("sweep:", StringComparison.Ordinal));

        var plain = ScenarioReader.Read(scenario, "example.yaml", Options());
        var swept = ScenarioReader.Read(scenario + sweep, "example.yaml", Options());

        Assert.Multiple(() =>
        {
            Assert.That(plain.Diagnostics.Select(d => d.ToString()), Is.Empty);
            Assert.That(swept.Diagnostics.Select(d => d.ToString()), Is.Empty);
            Assert.That(swept.Value!.Variants, Has.Length.EqualTo(8));
            Assert.That(swept.Value.Variants[0].Name, Is.EqualTo("quickstart[nodes=100,load={poisson: {rate: 1/min}},cluster.pools.general.allocatable['nvidia.com/gpu']=0]"));
        });
    }
}
