using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Gpu;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;

namespace Sim.Cluster.Tests.Controllers;

/// <summary>A pod template's annotations reach every pod the controllers make from it, and are validated as a pod's are.</summary>
public class TemplateAnnotationsTests
{
    private static readonly ImmutableSortedDictionary<string, string> Web =
        ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("app", "web");

    private static readonly ImmutableSortedDictionary<string, string> Share =
        ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).WithGpuAnnotations(1, 400, "T4");

    [Test]
    public void Deployment_replication_controller_and_job_pods_carry_their_templates_annotations()
    {
        var cluster = new SimulatedCluster(1);
        cluster.AddNode("node-a", ResourceList.Builder().Cpu(8000).Memory(32L << 30).Pods(110).Set(ResourceNames.NvidiaGpu, 2).Build());
        var client = cluster.Client("kubectl");
        var template = new PodTemplate { Labels = Web, Annotations = Share, Spec = Spec(RestartPolicy.Always) };
        client.Create(new Deployment
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new DeploymentSpec { Replicas = 2, Selector = LabelSelector.Parse("app=web"), Template = template },
        });
        client.Create(new ReplicationController
        {
            Metadata = new ObjectMeta { Name = "rc", Namespace = "default" },
            Spec = new ReplicationControllerSpec { Replicas = 1, Selector = Web.SetItem("kind", "rc"), Template = template with { Labels = Web.SetItem("kind", "rc") } },
        });
        client.Create(new Job
        {
            Metadata = new ObjectMeta { Name = "batch", Namespace = "default" },
            Spec = new JobSpec { Parallelism = 2, Completions = 2, Template = template with { Labels = Web.SetItem("kind", "job"), Spec = Spec(RestartPolicy.Never) } },
        });

        cluster.Simulation.RunUntil(SimTime.FromSeconds(5));
        var pods = cluster.Api.List(Pod.KindName).Cast<Pod>().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(pods, Has.Count.EqualTo(5));
            Assert.That(pods.Select(p => GpuRequest.Of(p)), Is.All.EqualTo(new GpuRequest(1, 400, "T4")));
            Assert.That(pods.Select(p => p.Owner!.Kind).Distinct(), Is.EquivalentTo(new[] { ReplicaSet.KindName, ReplicationController.KindName, Job.KindName }));
        });
    }

    [Test]
    public void A_template_annotation_with_a_bad_key_is_refused_at_its_path()
    {
        var cluster = new SimulatedCluster(1);
        var result = cluster.Client("kubectl").Create(new Job
        {
            Metadata = new ObjectMeta { Name = "batch", Namespace = "default" },
            Spec = new JobSpec
            {
                Template = new PodTemplate { Annotations = Share.Add("-bad", "x"), Spec = Spec(RestartPolicy.Never) },
            },
        });

        Assert.Multiple(() =>
        {
            Assert.That(result.IsOk, Is.False);
            Assert.That(result.Message, Does.Contain("spec.template.metadata.annotations: Invalid value: invalid annotation key \"-bad\""));
        });
    }

    [Test]
    public void Annotations_change_a_templates_fingerprint_and_no_annotations_keep_it()
    {
        var plain = new PodTemplate { Labels = Web, Spec = Spec(RestartPolicy.Always) };
        var annotated = plain with { Annotations = Share };
        var other = plain with { Annotations = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).WithGpuAnnotations(1, 500, "T4") };

        Assert.Multiple(() =>
        {
            Assert.That(PodTemplateHash.Compute(annotated), Is.Not.EqualTo(PodTemplateHash.Compute(plain)));
            Assert.That(PodTemplateHash.Compute(other), Is.Not.EqualTo(PodTemplateHash.Compute(annotated)));
            Assert.That(PodTemplateHash.EqualIgnoringHash(annotated, plain), Is.False);
            Assert.That(PodTemplateHash.CanonicalText(plain), Does.Not.Contain("annotations"), "templates without annotations hash as before");
        });
    }

    private static PodSpec Spec(RestartPolicy restart) => new()
    {
        Containers = [new Container("main", ResourceList.Builder().Cpu(100).Memory(64L << 20).Build()) { RunFor = TimeSpan.FromSeconds(1) }],
        RestartPolicy = restart,
    };
}
