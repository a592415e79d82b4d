using Sim.Cluster.Gpu;
using Sim.Experiments.Scenarios;
using Sim.Metrics;
using Sim.Workloads;
using static Sim.Experiments.Tests.Scenarios.ScenarioFiles;

namespace Sim.Experiments.Tests.Scenarios;

/// <summary>scenarios/gpu-jobs.yaml: GPU Jobs and shared-GPU services on two GPU models, ending when the work is done.</summary>
public class GpuJobsScenarioTests
{
    private static Scenario Scenario()
    {
        var result = ScenarioReader.ReadFile(Path.Combine(RepositoryRoot(), "scenarios", "gpu-jobs.yaml"), CatalogueOptions());
        Assert.That(result.Diagnostics.Select(d => d.ToString()), Is.Empty);
        return result.Value!.Variants.Single();
    }

    [Test]
    public void It_compares_gpu_policies_on_about_fifty_gpu_nodes_of_two_models_until_the_work_is_done()
    {
        var s = Scenario();
        var train = s.Workloads.OfType<JobWorkload>().Single();
        var infer = s.Workloads.OfType<DeploymentWorkload>().Single();

        Assert.Multiple(() =>
        {
            Assert.That(s.Policies.Select(p => p.Name), Is.EqualTo(new[] { "kubernetes-default", "gpu-packing", "gpu-best-fit", "fgd" }));
            Assert.That(s.Stop, Is.EqualTo(StopCondition.WorkloadsDone));
            Assert.That(s.Cluster.Pools.Sum(p => p.Count), Is.EqualTo(48));
            Assert.That(s.Cluster.Pools.Select(p => p.Labels[GpuAnnotations.Model]), Is.EqualTo(new[] { "G2", "T4" }));
            Assert.That(s.Cluster.Pools.Select(p => p.Allocatable[Cluster.Resources.ResourceNames.NvidiaGpu]), Is.EqualTo(new long[] { 8, 2 }));
            Assert.That(train.Pod.Gpu!.ToString(), Does.StartWith("empirical(49 values)"), "GPU demand from the data file");
            Assert.That(train.Duration.ToString(), Does.StartWith("empirical(49 values)"), "run times from the data file");
            Assert.That(infer.Pod.GpuModels, Is.EqualTo(new[] { "T4" }));
            Assert.That(infer.Pod.Gpu!.Mean, Is.EqualTo(0.25).Within(1e-12));
        });
    }

    [Test]
    public void A_run_under_fgd_finishes_every_job_before_the_cap_and_places_shares_on_devices()
    {
        var s = Scenario();
        var policy = s.Policies.Single(p => p.Name == "fgd");

        var result = RunExecutor.Execute(new RunSpec(0, s with { WriteEvents = true }, policy, 1));
        double Value(string metric) => result.Final.Single(m => m.Name == metric).Value;
        var inferBindings = result.EventLog!.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement)
            .Where(e => e.GetProperty("kind").GetString() == "Pod" && e.GetProperty("name").GetString()!.StartsWith("infer-", StringComparison.Ordinal)
                && e.GetProperty("change").GetString()!.StartsWith("bound to ", StringComparison.Ordinal))
            .Select(e => e.GetProperty("change").GetString()!["bound to ".Length..])
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(Value(MetricNames.PodsSucceeded), Is.EqualTo(600), "every Job's pod");
            Assert.That(Value(MetricNames.SimulatedDuration), Is.LessThan(s.Duration.TotalSeconds), "the work ended the run, not the cap");
            Assert.That(Value(MetricNames.PendingPodsFinal), Is.Zero);
            Assert.That(Value(MetricNames.UnschedulablePodsMax), Is.GreaterThan(0), "GPUs were contended");
            Assert.That(inferBindings, Has.Count.GreaterThanOrEqualTo(40), "every inference replica was bound");
            Assert.That(inferBindings, Is.All.StartsWith("t4-"), "gpuModels: [T4] holds under a GPU policy");
        });
    }
}
