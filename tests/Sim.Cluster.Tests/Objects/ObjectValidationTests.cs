using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Cluster.Tests.Scenarios;
using Sim.Engine;

namespace Sim.Cluster.Tests.Objects;

public class ObjectValidationTests
{
    private static readonly ImmutableSortedDictionary<string, string> Web =
        ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("app", "web");

    [Test]
    public void Pods_sharing_a_label_map_that_passed_are_still_checked_for_everything_else()
    {
        var cluster = WorkloadLifeTests.BuildCluster();
        var kubectl = cluster.Client("kubectl");
        var bad = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("-app", "web");
        Pod PodNamed(string name, ImmutableSortedDictionary<string, string> labels) => new()
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default", Labels = labels },
            Spec = new PodSpec { Containers = [new Container("app", ResourceList.Empty)] },
        };

        var first = kubectl.Create(PodNamed("first", Web));
        var badName = kubectl.Create(PodNamed("Bad_Name", Web));
        var badLabels = kubectl.Create(PodNamed("third", bad));
        var again = kubectl.Create(PodNamed("fourth", Web));

        Assert.Multiple(() =>
        {
            Assert.That(first.Status, Is.EqualTo(ApiStatus.Ok));
            Assert.That(badName.Status, Is.EqualTo(ApiStatus.Invalid));
            Assert.That(badName.Message, Does.Contain("metadata.name: Invalid value: \"Bad_Name\""));
            Assert.That(badName.Message, Does.Not.Contain("metadata.labels"));
            Assert.That(badLabels.Status, Is.EqualTo(ApiStatus.Invalid));
            Assert.That(badLabels.Message, Does.Contain("metadata.labels: Invalid value"));
            Assert.That(again.Status, Is.EqualTo(ApiStatus.Ok));
        });
    }

    [Test]
    public void An_invalid_pod_is_refused_with_every_field_named_and_the_run_goes_on()
    {
        var cluster = WorkloadLifeTests.BuildCluster();
        var bad = new Pod
        {
            Metadata = new ObjectMeta
            {
                Name = "Bad_Name",
                Namespace = "default",
                Labels = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("-app", "web").Add("tier", "way too long a value with spaces"),
            },
            Spec = new PodSpec
            {
                Containers =
                [
                    new Container("app", ResourceList.Builder().Cpu(2000).Build(), ResourceList.Builder().Cpu(1000).Memory(1 << 20).Build()),
                    new Container("app", ResourceList.Empty),
                ],
                Tolerations = [new Toleration("k", TolerationOperator.Exists, "v"), new Toleration(TolerationSeconds: 5)],
            },
        };

        var result = cluster.Client("kubectl").Create(bad);
        cluster.Simulation.RunUntil(SimTime.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ApiStatus.Invalid));
            Assert.That(result.Message, Does.StartWith("Pod/default/Bad_Name is invalid: "));
            Assert.That(result.Message, Does.Contain("metadata.name: Invalid value: \"Bad_Name\""));
            Assert.That(result.Message, Does.Contain("metadata.labels: Invalid value: invalid label key \"-app\""));
            Assert.That(result.Message, Does.Contain("metadata.labels[tier]: Invalid value"));
            Assert.That(result.Message, Does.Contain("spec.containers[0].resources.requests: Invalid value: \"2000m\": must be less than or equal to cpu limit of 1000m"));
            Assert.That(result.Message, Does.Contain("spec.containers[1].name: Duplicate value: \"app\""));
            Assert.That(result.Message, Does.Contain("spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'"));
            Assert.That(result.Message, Does.Contain("spec.tolerations[1].operator: Invalid value"));
            Assert.That(result.Message, Does.Contain("spec.tolerations[1].effect: Invalid value"));
            Assert.That(cluster.Api.Get<Pod>(bad.Key), Is.Null, "nothing was written");
            Assert.That(cluster.Api.List(Pod.KindName).Cast<Pod>().Count(p => p.Status.IsReady), Is.EqualTo(3), "the rest of the cluster carries on");
        });
    }

    [Test]
    public void Annotations_need_qualified_keys_and_at_most_256_KiB_in_all_and_an_annotation_change_is_validated()
    {
        var cluster = WorkloadLifeTests.BuildCluster();
        var client = cluster.Client("kubectl");
        static Pod PodWith(string name, ImmutableSortedDictionary<string, string> annotations) => new()
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default", Annotations = annotations },
            Spec = new PodSpec { Containers = [new Container("app", ResourceList.Builder().Cpu(100).Build())] },
        };
        var empty = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

        var badKey = client.Create(PodWith("bad-key", empty.Add("-x", "1")));
        var tooLong = client.Create(PodWith("too-long", empty.Add("a", new string('v', 256 * 1024))));
        var good = client.Create(PodWith("good", empty.Add("Example.com/Some-Key", "anything at all, spaces included").Add("b", new string('v', 1000))));
        var modified = client.Modify<Pod>(good.Value!.Key, p => p with { Metadata = p.Metadata with { Annotations = p.Metadata.Annotations.Add("-y", "2") } }, "annotate", attempts: 1);

        Assert.Multiple(() =>
        {
            Assert.That(badKey.Status, Is.EqualTo(ApiStatus.Invalid));
            Assert.That(badKey.Message, Does.Contain("metadata.annotations: Invalid value: invalid annotation key \"-x\""));
            Assert.That(tooLong.Status, Is.EqualTo(ApiStatus.Invalid));
            Assert.That(tooLong.Message, Does.Contain("metadata.annotations: Too long: must have at most 262144 bytes"), "1 + 262,144 bytes");
            Assert.That(good.IsOk, Is.True, good.Message);
            Assert.That(good.Value!.Metadata.Annotations["Example.com/Some-Key"], Is.EqualTo("anything at all, spaces included"));
            Assert.That(modified, Is.Null, "an update that only adds a bad annotation is validated too");
        });
    }

    [Test]
    public void A_replication_controller_whose_selector_does_not_match_its_template_is_refused()
    {
        var cluster = WorkloadLifeTests.BuildCluster();
        var controller = new ReplicationController
        {
            Metadata = new ObjectMeta { Name = "api", Namespace = "default" },
            Spec = new ReplicationControllerSpec
            {
                Replicas = -1,
                Selector = Web,
                Template = new PodTemplate
                {
                    Labels = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("app", "api"),
                    Spec = new PodSpec { RestartPolicy = RestartPolicy.Never },
                },
            },
        };

        var result = cluster.Client("kubectl").Create(controller);

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ApiStatus.Invalid));
            Assert.That(result.Message, Does.Contain("spec.replicas: Invalid value: -1: must be greater than or equal to 0"));
            Assert.That(result.Message, Does.Contain("spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`"));
            Assert.That(result.Message, Does.Contain("spec.template.spec.restartPolicy: Unsupported value: \"Never\""));
            Assert.That(result.Message, Does.Contain("spec.template.spec.containers: Required value"));
        });
    }

    [Test]
    public void An_invalid_update_is_refused_and_the_stored_object_is_kept()
    {
        var cluster = WorkloadLifeTests.BuildCluster();
        var service = cluster.Api.Get<Service>(new ObjectKey(Service.KindName, "default", "web"))!;

        var result = cluster.Client("kubectl").Update(service with { Ports = [new ServicePort(0, 70000)] });

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ApiStatus.Invalid));
            Assert.That(result.Message, Does.Contain("spec.ports[0].port: Invalid value: 0"));
            Assert.That(result.Message, Does.Contain("spec.ports[0].targetPort: Invalid value: 70000"));
            Assert.That(cluster.Api.Get<Service>(service.Key)!.Ports[0].Port, Is.EqualTo(80));
        });
    }

    [Test]
    public void A_valid_pod_has_no_problems()
    {
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "web-1", Namespace = "default", Labels = Web },
            Spec = new PodSpec { Containers = [new Container("web", ResourceList.Builder().Cpu(100).Build(), ResourceList.Builder().Cpu(200).Build())] },
        };

        Assert.That(ObjectValidation.Validate(pod), Is.Empty);
    }
}
