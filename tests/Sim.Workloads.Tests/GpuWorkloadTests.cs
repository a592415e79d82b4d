using Sim.Cluster;
using Sim.Cluster.Gpu;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;
using Sim.Scheduling.Policies;

namespace Sim.Workloads.Tests;

/// <summary>GPU demands: generated pods ask for whole GPUs or a share of one, on a model, exactly as docs/gpu.md models a GPU pod.</summary>
public class GpuWorkloadTests
{
    [Test]
    public void A_pod_count_drawn_beyond_the_limit_fails_naming_the_workload_and_the_field()
    {
        // A count near int.MaxValue used to be capped there, and the Deployment controller's replicas +
        // surge then overflowed: the run ended with no pods and exit code 0.
        Assert.Multiple(() =>
        {
            Assert.That(PodTemplates.PodCount(1_000_000, "web", "replicas"), Is.EqualTo(1_000_000));
            Assert.That(PodTemplates.PodCount(0.2, "web", "replicas"), Is.EqualTo(1));
            Assert.That(() => PodTemplates.PodCount(1e12, "web", "replicas"),
                Throws.InvalidOperationException.With.Message.EqualTo("Workload 'web': replicas drew 1E+12, more than the 1000000 pods one workload item may have."));
        });
    }

    [TestCase(0.0, 0, 0)]
    [TestCase(-3.0, 0, 0)]
    [TestCase(0.0004, 0, 0)]
    [TestCase(0.0006, 1, 1)]
    [TestCase(0.25, 1, 250)]
    [TestCase(0.9994, 1, 999)]
    [TestCase(0.9996, 1, 1000)]
    [TestCase(1.0, 1, 1000)]
    [TestCase(1.4, 1, 1000)]
    [TestCase(2.6, 3, 1000)]
    [TestCase(8.0, 8, 1000)]
    public void A_drawn_number_of_gpus_is_a_share_below_one_and_whole_gpus_from_one(double gpus, int count, int milli)
    {
        Assert.That(PodTemplates.Gpus(gpus), Is.EqualTo((count, milli)));
    }

    [Test]
    public void A_job_pod_taking_whole_gpus_asks_as_gpu_objects_make_a_pod_ask()
    {
        var pod = FirstPod(new JobWorkload
        {
            Name = "train",
            Count = 1,
            Pod = TestClusters.SmallPod() with { Gpu = Distribution.Constant(2), GpuModels = ["G2"] },
            Duration = Distribution.Constant(60),
        });
        var expected = GpuObjects.CreatePod("x", 100, 64 << 20, gpuCount: 2, gpuMilli: 1000, gpuModels: "G2");

        Assert.Multiple(() =>
        {
            Assert.That(GpuRequest.Of(pod), Is.EqualTo(GpuRequest.Of(expected)));
            Assert.That(GpuRequest.Of(pod), Is.EqualTo(new GpuRequest(2, 1000, "G2")));
            Assert.That(pod.Spec.Containers[0].Requests, Is.EqualTo(expected.Spec.Containers[0].Requests));
            Assert.That(pod.Spec.Containers[0].Limits![ResourceNames.NvidiaGpu], Is.EqualTo(2), "an extended resource's limit is its request");
            Assert.That(pod.Metadata.Annotations.Keys, Is.EquivalentTo(expected.Metadata.Annotations.Keys));
        });
    }

    [Test]
    public void A_deployment_pod_sharing_a_gpu_asks_as_gpu_objects_make_a_pod_ask()
    {
        var pod = FirstPod(new DeploymentWorkload
        {
            Name = "infer",
            Count = 1,
            Pod = TestClusters.SmallPod() with { Gpu = Distribution.Constant(0.3), GpuModels = ["V100M16", "V100M32"] },
            Replicas = Distribution.Constant(1),
            Service = false,
        });
        var expected = GpuObjects.CreatePod("x", 100, 64 << 20, gpuCount: 1, gpuMilli: 300, gpuModels: "V100M16|V100M32");

        Assert.Multiple(() =>
        {
            Assert.That(GpuRequest.Of(pod), Is.EqualTo(GpuRequest.Of(expected)));
            Assert.That(GpuRequest.Of(pod).IsShare, Is.True);
            Assert.That(pod.Spec.Containers[0].Requests, Is.EqualTo(expected.Spec.Containers[0].Requests), "a share is not an nvidia.com/gpu request");
            Assert.That(pod.Spec.Containers[0].Requests[ResourceNames.NvidiaGpu], Is.Zero);
        });
    }

    [Test]
    public void A_pod_without_gpus_has_no_gpu_annotations()
    {
        var pod = FirstPod(new DeploymentWorkload { Name = "web", Count = 1, Pod = TestClusters.SmallPod(), Replicas = Distribution.Constant(1), Service = false });

        Assert.Multiple(() =>
        {
            Assert.That(pod.Metadata.Annotations, Is.Empty);
            Assert.That(GpuRequest.Of(pod).IsNone, Is.True);
        });
    }

    [Test]
    public void Gpu_draws_follow_cpu_and_memory_on_the_items_stream_so_adding_models_changes_no_draw()
    {
        var shape = TestClusters.SmallPod() with { Cpu = Distribution.Uniform(100, 900), Gpu = Distribution.Uniform(0, 3) };
        var plain = Requests(shape, seed: 9);
        var withModels = Requests(shape with { GpuModels = ["T4"] }, seed: 9);

        Assert.That(withModels, Is.EqualTo(plain));
    }

    [Test]
    public void A_gpu_policy_places_shares_on_devices_of_an_allowed_model_only()
    {
        var cluster = new SimulatedCluster(3, scheduler: Policy("gpu-packing"), plugins: PolicyCatalogue.CreateRegistry());
        for (var i = 0; i < 4; i++)
        {
            cluster.AddNode(GpuObjects.CreateNode($"t4-{i}", 32_000, 128L << 30, gpus: 2, model: "T4"));
            cluster.AddNode(GpuObjects.CreateNode($"v100-{i}", 32_000, 128L << 30, gpus: 4, model: "V100M32"));
        }

        var driver = new WorkloadDriver(cluster, [new JobWorkload
        {
            Name = "share",
            Count = 12,
            Arrivals = ArrivalProcess.Poisson(1),
            Pod = TestClusters.SmallPod() with { Gpu = Distribution.Uniform(0.2, 0.6), GpuModels = ["V100M32"] },
            Duration = Distribution.Constant(600),
        }]);
        driver.Start();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(120));
        var pods = cluster.Api.List(Pod.KindName).Cast<Pod>().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(pods, Has.Count.EqualTo(12));
            Assert.That(pods.Select(p => p.Spec.NodeName), Is.All.StartsWith("v100-"), "the model constraint holds");
            Assert.That(pods.Select(p => p.Metadata.Annotations.GetValueOrDefault(GpuAnnotations.DeviceIndex)), Is.All.Not.Null, "OpenGpuShare gave every pod a device");
            Assert.That(pods.Select(p => p.Spec.NodeName).Distinct().Count(), Is.LessThan(4), "packing: shares fill devices before opening nodes");
        });
    }

    private static Scheduling.SchedulerConfiguration Policy(string name) =>
        PolicyCatalogue.TryGet(name, out var policy) ? policy.Configuration() : throw new ArgumentException(name);

    private static List<string> Requests(PodShape shape, ulong seed)
    {
        var cluster = TestClusters.Build(seed);
        new WorkloadDriver(cluster, [new DeploymentWorkload { Name = "d", Count = 20, Arrivals = ArrivalProcess.Poisson(1), Pod = shape, Replicas = Distribution.Constant(0), Service = false }]).Start();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(600));
        return [.. WorkloadDriverTests.Deployments(cluster).Select(d => $"{d.Metadata.Name} {d.Spec.Template.Spec.Containers[0].Requests} {d.Spec.Template.Annotations.GetValueOrDefault(GpuAnnotations.Milli)}")];
    }

    /// <summary>The first pod the workload's controller creates (from the template, as the controller copies it).</summary>
    private static Pod FirstPod(WorkloadSpec workload)
    {
        var cluster = TestClusters.Build();
        new WorkloadDriver(cluster, [workload]).Start();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(30));
        return cluster.Api.List(Pod.KindName).Cast<Pod>().First();
    }
}
