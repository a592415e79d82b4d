using Sim.Workloads;
using static Sim.Experiments.Tests.Scenarios.ScenarioFiles;

namespace Sim.Experiments.Tests.Scenarios;

/// <summary><c>gpu</c> and <c>gpuModels</c> of generated workloads: GPUs per pod (a share below one) and the models they may run on.</summary>
public class GpuDemandTests
{
    private static string Workload(string kind, string gpuKeys) => Minimal + $"workloads:\n- {{name: w, kind: {kind}, count: 1, cpu: 1, memory: 1Gi{(kind == "Job" ? ", duration: 1m" : string.Empty)}, {gpuKeys}}}\n";

    private static PodShape Shape(string text)
    {
        var result = Read(text);
        Assert.That(Messages(result), Is.Empty);
        return result.Value!.Variants[0].Workloads[0] switch
        {
            JobWorkload job => job.Pod,
            DeploymentWorkload deployment => deployment.Pod,
            var other => throw new InvalidOperationException(other.GetType().Name),
        };
    }

    [TestCase("gpu: 2", 2.0)]
    [TestCase("gpu: 0.5", 0.5)]
    [TestCase("gpu: 500m", 0.5)]
    [TestCase("gpu: \"1\"", 1.0)]
    [TestCase("gpu: {uniform: {min: 100m, max: 900m}}", 0.5)]
    [TestCase("gpu: {empirical: [0.25, 1, 4]}", 1.75)]
    public void Gpu_is_a_number_of_gpus_written_as_a_quantity(string keys, double mean)
    {
        Assert.That(Shape(Workload("Job", keys)).Gpu!.Mean, Is.EqualTo(mean).Within(1e-12));
    }

    [TestCase("gpuModels: [V100M16, V100M32]", new[] { "V100M16", "V100M32" })]
    [TestCase("gpuModels: T4", new[] { "T4" })]
    public void Gpu_models_are_a_model_or_a_list_of_them(string keys, string[] models)
    {
        var shape = Shape(Workload("Deployment", "gpu: 300m, " + keys));

        Assert.That(shape.GpuModels, Is.EqualTo(models));
    }

    [TestCase("gpu: -1", "s.yaml:11:74: workloads[0].gpu: '-1' is negative; expected a non-negative amount")]
    [TestCase("gpu: lots", "s.yaml:11:74: workloads[0].gpu: quantity 'lots' is not a number with a suffix; expected e.g. 100m, 1.5, 2Gi or 1e3")]
    [TestCase("gpuModels: [T4]", "s.yaml:11:80: workloads[0].gpuModels: applies only with gpu (the GPUs each pod asks for)")]
    [TestCase("gpu: 1, gpuModels: []", "s.yaml:11:88: workloads[0].gpuModels: expected at least one model, got an empty list (leave gpuModels out for any model)")]
    [TestCase("gpu: 1, gpuModels: ['a|b']", "s.yaml:11:89: workloads[0].gpuModels[0]: expected a GPU model name: a label value without '|', e.g. V100M32, got \"a|b\"")]
    [TestCase("gpu: 1, gpuModels: [T4, T4]", "s.yaml:11:93: workloads[0].gpuModels[1]: duplicate \"T4\" (also at line 11)")]
    public void A_bad_gpu_demand_is_reported_where_it_is(string keys, string expected)
    {
        var messages = Messages(Read(Workload("Job", keys)));

        Assert.That(messages, Is.EqualTo(new[] { expected }));
    }
}
