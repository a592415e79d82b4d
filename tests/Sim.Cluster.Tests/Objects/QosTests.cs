using System.Collections.Immutable;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;

namespace Sim.Cluster.Tests.Objects;

/// <summary>Kubernetes' QoS classes (<c>pkg/apis/core/helper/qos</c>), with requests defaulted to limits as the API server does.</summary>
public class QosTests
{
    private static readonly object[] Cases =
    [
        new TestCaseData(new[] { C("", "") }, QosClass.BestEffort).SetName("no requests or limits"),
        new TestCaseData(new[] { C("cpu=0", "") }, QosClass.BestEffort).SetName("zero requests count as none"),
        new TestCaseData(new[] { C("cpu=100m,memory=1Gi", "cpu=100m,memory=1Gi") }, QosClass.Guaranteed).SetName("requests equal limits"),
        new TestCaseData(new[] { C("", "cpu=100m,memory=1Gi") }, QosClass.Guaranteed).SetName("limits only: requests default to them"),
        new TestCaseData(new[] { C("cpu=100m", "") }, QosClass.Burstable).SetName("a request without limits"),
        new TestCaseData(new[] { C("cpu=100m,memory=1Gi", "cpu=200m,memory=1Gi") }, QosClass.Burstable).SetName("requests below limits"),
        new TestCaseData(new[] { C("", "cpu=100m") }, QosClass.Burstable).SetName("a cpu limit only"),
        new TestCaseData(new[] { C("cpu=1,memory=1Gi", "cpu=1,memory=1Gi"), C("", "") }, QosClass.Burstable).SetName("one guaranteed container and one best-effort"),
        new TestCaseData(new[] { C("nvidia.com/gpu=1", "nvidia.com/gpu=1") }, QosClass.BestEffort).SetName("only extended resources do not count"),
    ];

    [TestCaseSource(nameof(Cases))]
    public void Classifies_as_Kubernetes_does(Container[] containers, QosClass expected)
    {
        var spec = new PodSpec { Containers = [.. containers] };

        Assert.That(Qos.Of(spec), Is.EqualTo(expected));
    }

    [Test]
    public void Init_containers_count_too()
    {
        var spec = new PodSpec
        {
            Containers = [C("cpu=1,memory=1Gi", "cpu=1,memory=1Gi")],
            InitContainers = ImmutableArray.Create(C("cpu=1", "")),
        };

        Assert.That(Qos.Of(spec), Is.EqualTo(QosClass.Burstable));
    }

    private static Container C(string requests, string limits) => new("c", Parse(requests), Parse(limits));

    private static ResourceList Parse(string text)
    {
        var map = text.Length == 0 ? [] : text.Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        ResourceList.TryParse(map, "test", out var list, out _);
        return list;
    }
}
