using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Gpu;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;

namespace Sim.Cluster.Tests.Gpu;

public class GpuRequestTests
{
    private static Pod Annotated(params (string Key, string Value)[] annotations) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = "p",
            Namespace = "default",
            Annotations = annotations.ToImmutableSortedDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal),
        },
    };

    [Test]
    public void A_pod_without_gpu_annotations_asks_for_no_gpu()
    {
        Assert.That(GpuRequest.TryRead(Annotated(), out var request, out var error), Is.True);
        Assert.That(request, Is.EqualTo(GpuRequest.None));
        Assert.That(request.IsNone, Is.True);
        Assert.That(error, Is.Empty);
    }

    [Test]
    public void A_share_and_whole_gpus_are_read_with_their_models()
    {
        var share = GpuRequest.Of(Annotated((GpuAnnotations.Milli, "470"), (GpuAnnotations.Count, "1"), (GpuAnnotations.Model, "V100M16|V100M32")));
        var whole = GpuRequest.Of(Annotated((GpuAnnotations.Milli, "1000"), (GpuAnnotations.Count, "8")));

        Assert.Multiple(() =>
        {
            Assert.That(share, Is.EqualTo(new GpuRequest(1, 470, "V100M16|V100M32")));
            Assert.That(share.IsShare, Is.True);
            Assert.That(share.TotalMilli, Is.EqualTo(470));
            Assert.That(whole, Is.EqualTo(new GpuRequest(8, 1000, string.Empty)));
            Assert.That(whole.IsShare, Is.False);
            Assert.That(whole.TotalMilli, Is.EqualTo(8000));
        });
    }

    [TestCase("abc", "1", "annotation alibabacloud.com/gpu-milli must be an integer from 1 to 1000, got \"abc\"")]
    [TestCase("0", "1", "annotation alibabacloud.com/gpu-milli must be an integer from 1 to 1000, got \"0\"")]
    [TestCase("1001", "1", "annotation alibabacloud.com/gpu-milli must be an integer from 1 to 1000, got \"1001\"")]
    [TestCase("-5", "1", "annotation alibabacloud.com/gpu-milli must be an integer from 1 to 1000, got \"-5\"")]
    [TestCase("500", "0", "annotation alibabacloud.com/gpu-count must be an integer of at least 1, got \"0\"")]
    [TestCase("500", "2", "a pod asking for 2 GPUs must take them whole (alibabacloud.com/gpu-milli 1000), got 500")]
    public void Invalid_annotations_are_refused_with_the_reason(string milli, string count, string reason)
    {
        var pod = Annotated((GpuAnnotations.Milli, milli), (GpuAnnotations.Count, count));

        Assert.That(GpuRequest.TryRead(pod, out var request, out var error), Is.False);
        Assert.That(error, Is.EqualTo(reason));
        Assert.That(request, Is.EqualTo(GpuRequest.None));
        Assert.That(GpuRequest.Of(pod), Is.EqualTo(GpuRequest.None));
    }

    [Test]
    public void A_missing_count_is_refused()
    {
        Assert.That(GpuRequest.TryRead(Annotated((GpuAnnotations.Milli, "500")), out _, out var error), Is.False);
        Assert.That(error, Is.EqualTo("annotation alibabacloud.com/gpu-count must be an integer of at least 1, got \"\""));
    }

    [TestCase("", "T4", true)]
    [TestCase("", "", true)]
    [TestCase("T4", "", false)]
    [TestCase("V100M16|V100M32", "V100M32", true)]
    [TestCase("V100M16|V100M32", "V100M16", true)]
    [TestCase("V100M16|V100M32", "V100", false)]
    [TestCase("V100M16|V100M32", "T4", false)]
    [TestCase("|T4|", "T4", true)]
    [TestCase("|", "T4", true)]
    public void Models_allow_a_node_as_the_fgd_simulator_does(string models, string nodeModel, bool allowed)
    {
        Assert.That(new GpuRequest(1, 500, models).AllowsModel(nodeModel), Is.EqualTo(allowed));
    }

    [Test]
    public void Device_indices_format_and_parse_with_dashes()
    {
        var devices = new int[4];

        Assert.Multiple(() =>
        {
            Assert.That(GpuDeviceIndex.Format([0, 1, 7]), Is.EqualTo("0-1-7"));
            Assert.That(GpuDeviceIndex.Format([3]), Is.EqualTo("3"));
            Assert.That(GpuDeviceIndex.Parse("2-3", devices), Is.EqualTo(2));
            Assert.That(devices[..2], Is.EqualTo(new[] { 2, 3 }));
            Assert.That(GpuDeviceIndex.Parse("", devices), Is.EqualTo(-1));
            Assert.That(GpuDeviceIndex.Parse("1--2", devices), Is.EqualTo(-1));
            Assert.That(GpuDeviceIndex.Parse("a", devices), Is.EqualTo(-1));
            Assert.That(GpuDeviceIndex.Parse("0-1-2-3-4", devices), Is.EqualTo(-1), "more than the span holds");
        });
    }

    [Test]
    public void Gpu_objects_carry_the_request_as_annotations_and_whole_gpus_as_nvidia_gpu()
    {
        var node = GpuObjects.CreateNode("n", 96_000, 384L << 30, gpus: 8, model: "G2", pods: 1001);
        var share = GpuObjects.CreatePod("s", 6000, 12L << 30, gpuCount: 1, gpuMilli: 460);
        var whole = GpuObjects.CreatePod("w", 12_000, 16L << 30, gpuCount: 2, gpuMilli: 1000, gpuModels: "G2|G3");
        var cpu = GpuObjects.CreatePod("c", 4000, 8L << 30);

        Assert.Multiple(() =>
        {
            Assert.That(GpuNode.DeviceCount(node), Is.EqualTo(8));
            Assert.That(GpuNode.Model(node), Is.EqualTo("G2"));
            Assert.That(node.Status.Allocatable.Pods, Is.EqualTo(1001));
            Assert.That(node.Metadata.Labels[Node.HostnameLabel], Is.EqualTo("n"));
            Assert.That(GpuRequest.Of(share), Is.EqualTo(new GpuRequest(1, 460, string.Empty)));
            Assert.That(share.Spec.Requests()[ResourceNames.NvidiaGpu], Is.Zero, "a share is counted per device by the GPU plugin only");
            Assert.That(GpuRequest.Of(whole), Is.EqualTo(new GpuRequest(2, 1000, "G2|G3")));
            Assert.That(whole.Spec.Requests()[ResourceNames.NvidiaGpu], Is.EqualTo(2));
            Assert.That(whole.Spec.Requests().MilliCpu, Is.EqualTo(12_000));
            Assert.That(whole.Spec.Requests().Memory, Is.EqualTo(16L << 30));
            Assert.That(GpuRequest.Of(cpu).IsNone, Is.True);
            Assert.That(GpuNode.DeviceCount(GpuObjects.CreateNode("cpu", 1000, 1L << 30)), Is.Zero);
            Assert.That(GpuObjects.CreatePod("x", 1, 1).WithDevices([1, 2]).Metadata.Annotations[GpuAnnotations.DeviceIndex], Is.EqualTo("1-2"));
        });
    }
}
