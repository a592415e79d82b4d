using Sim.Cluster.Gpu;
using Sim.Cluster.Objects;

namespace Sim.Kubernetes.Tests;

/// <summary>metadata.annotations of pods and of workloads and their templates: a GPU pod written in YAML asks for what GpuObjects makes it ask for.</summary>
public class AnnotationTests
{
    private const string SharePod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: infer
          annotations:
            alibabacloud.com/gpu-milli: "300"
            alibabacloud.com/gpu-count: "1"
            alibabacloud.com/gpu-card-model: V100M16|V100M32
        spec:
          containers:
          - name: main
            resources:
              requests: {cpu: "4", memory: 16Gi}
        """;

    private const string WholeGpuDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: train
          annotations: {deployment.kubernetes.io/revision: "3"}
        spec:
          replicas: 2
          selector: {matchLabels: {app: train}}
          template:
            metadata:
              labels: {app: train}
              annotations:
                alibabacloud.com/gpu-milli: "1000"
                alibabacloud.com/gpu-count: "2"
            spec:
              containers:
              - name: main
                resources:
                  requests: {cpu: "8", memory: 32Gi, nvidia.com/gpu: "2"}
                  limits: {nvidia.com/gpu: "2"}
        """;

    [Test]
    public void A_yaml_pod_sharing_a_gpu_asks_for_the_share_gpu_objects_give()
    {
        var result = KubernetesYamlReader.Read(SharePod, "pod.yaml");
        var pod = result.Value!.Pods.Single();
        var expected = GpuObjects.CreatePod("infer", 4000, 16L << 30, gpuCount: 1, gpuMilli: 300, gpuModels: "V100M16|V100M32");

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics, Is.Empty, string.Join("\n", result.Diagnostics));
            Assert.That(GpuRequest.TryRead(pod, out var request, out var error), Is.True, error);
            Assert.That(request, Is.EqualTo(GpuRequest.Of(expected)));
            Assert.That(request.IsShare, Is.True);
            Assert.That(pod.Metadata.Annotations, Is.EqualTo(expected.Metadata.Annotations));
            Assert.That(pod.Spec.Containers[0].Requests, Is.EqualTo(expected.Spec.Containers[0].Requests));
        });
    }

    [Test]
    public void A_deployments_template_carries_whole_gpus_as_gpu_objects_give_them()
    {
        var result = KubernetesYamlReader.Read(WholeGpuDeployment, "train.yaml");
        var deployment = result.Value!.Deployments.Single();
        var templatePod = new Pod { Metadata = new() { Name = "x", Annotations = deployment.Spec.Template.Annotations }, Spec = deployment.Spec.Template.Spec };
        var expected = GpuObjects.CreatePod("x", 8000, 32L << 30, gpuCount: 2, gpuMilli: 1000);

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics, Is.Empty, string.Join("\n", result.Diagnostics));
            Assert.That(GpuRequest.Of(templatePod), Is.EqualTo(GpuRequest.Of(expected)));
            Assert.That(templatePod.Spec.Containers[0].Requests, Is.EqualTo(expected.Spec.Containers[0].Requests));
            Assert.That(deployment.Metadata.Annotations["deployment.kubernetes.io/revision"], Is.EqualTo("3"), "the workload's own annotations are read too");
        });
    }

    [TestCase("ReplicaSet", "apps/v1", "selector: {matchLabels: {app: a}}")]
    [TestCase("ReplicationController", "v1", "selector: {app: a}")]
    public void Replica_set_and_replication_controller_templates_carry_their_annotations(string kind, string apiVersion, string selector)
    {
        var text = $$$"""
            apiVersion: {{{apiVersion}}}
            kind: {{{kind}}}
            metadata: {name: a, annotations: {team: blue}}
            spec:
              replicas: 1
              {{{selector}}}
              template:
                metadata: {labels: {app: a}, annotations: {alibabacloud.com/gpu-milli: "500", alibabacloud.com/gpu-count: "1"}}
                spec: {containers: [{name: c}]}
            """;

        var result = KubernetesYamlReader.Read(text, "rs.yaml");
        var obj = result.Value!.All.Single();
        var template = obj switch
        {
            ReplicaSet rs => rs.Spec.Template,
            ReplicationController rc => rc.Spec.Template,
            _ => throw new InvalidOperationException(obj.Kind),
        };

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics, Is.Empty, string.Join("\n", result.Diagnostics));
            Assert.That(template.Annotations[GpuAnnotations.Milli], Is.EqualTo("500"));
            Assert.That(obj.Metadata.Annotations["team"], Is.EqualTo("blue"));
        });
    }

    [TestCase("Pod", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {-bad: x}\nspec: {containers: [{name: c}]}\n",
        "p.yaml:5:16: metadata.annotations: Invalid value: invalid annotation key \"-bad\"")]
    [TestCase("Deployment", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata:\n      labels: {app: a}\n      annotations: {-bad: x}\n    spec: {containers: [{name: c}]}\n",
        "p.yaml:9:20: spec.template.metadata.annotations: Invalid value: invalid annotation key \"-bad\"")]
    [TestCase("ReplicationController", "apiVersion: v1\nkind: ReplicationController\nmetadata: {name: r, annotations: {-bad: x}}\nspec:\n  template:\n    metadata: {labels: {app: a}}\n    spec: {containers: [{name: c}]}\n",
        "p.yaml:3:34: metadata.annotations: Invalid value: invalid annotation key \"-bad\"")]
    public void A_bad_annotation_key_is_an_error_at_its_place(string kind, string text, string expected)
    {
        var result = KubernetesYamlReader.Read(text, "p.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(result.Value, Is.Null, kind);
            Assert.That(result.Errors.Select(e => e.ToString()), Has.Some.StartsWith(expected), string.Join("\n", result.Diagnostics));
        });
    }

    [Test]
    public void Annotations_of_kinds_that_do_not_use_them_are_still_ignored_with_a_warning()
    {
        var result = KubernetesYamlReader.Read("apiVersion: v1\nkind: Service\nmetadata: {name: s, annotations: {a: b}}\nspec: {selector: {app: a}, ports: [{port: 80}]}\n", "s.yaml");

        Assert.That(result.Warnings.Select(w => w.ToString()), Is.EqualTo(new[] { "s.yaml:3:21: warning: metadata.annotations: not simulated; ignored" }));
    }
}
