using Sim.Cluster.Objects;

namespace Sim.Cluster.Tests.Objects;

/// <summary>Kubernetes' <c>Toleration.ToleratesTaint</c> semantics (k8s.io/api/core/v1/toleration.go).</summary>
public class TolerationTests
{
    private static readonly Taint Taint = new("foo", "bar", TaintEffect.NoSchedule);

    private static readonly object[] Cases =
    [
        new TestCaseData(new Toleration("foo", TolerationOperator.Equal, "bar", TaintEffect.NoSchedule), true).SetName("same key, value and effect"),
        new TestCaseData(new Toleration("foo", TolerationOperator.Equal, "bar"), true).SetName("no effect tolerates every effect"),
        new TestCaseData(new Toleration("foo", TolerationOperator.Equal, "bar", TaintEffect.NoExecute), false).SetName("another effect"),
        new TestCaseData(new Toleration("foo", TolerationOperator.Equal, "baz", TaintEffect.NoSchedule), false).SetName("another value"),
        new TestCaseData(new Toleration("foo", TolerationOperator.Exists, Effect: TaintEffect.NoSchedule), true).SetName("Exists ignores the value"),
        new TestCaseData(new Toleration("other", TolerationOperator.Exists), false).SetName("another key"),
        new TestCaseData(new Toleration(Operator: TolerationOperator.Exists), true).SetName("empty key with Exists tolerates everything"),
        new TestCaseData(new Toleration(Operator: TolerationOperator.Exists, Effect: TaintEffect.NoExecute), false).SetName("empty key with Exists still checks the effect"),
        new TestCaseData(new Toleration("foo"), false).SetName("Equal with an empty value does not match a valued taint"),
    ];

    [TestCaseSource(nameof(Cases))]
    public void Tolerates_as_Kubernetes_does(Toleration toleration, bool expected)
    {
        Assert.That(toleration.Tolerates(Taint), Is.EqualTo(expected));
    }
}
