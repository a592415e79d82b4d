using Sim.Cluster.Api;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Cluster.Tests.Scenarios;

public class DisruptionBudgetTests
{
    private static readonly ObjectKey Budget = new(PodDisruptionBudget.KindName, "default", "web");

    [Test]
    public void Evictions_stop_at_the_budget_and_resume_when_replacements_are_ready()
    {
        var cluster = WithBudget(new PodDisruptionBudget
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Selector = LabelSelector.Parse("app=web"),
            MinAvailable = IntOrPercent.Absolute(2),
        });
        var status = cluster.Api.Get<PodDisruptionBudget>(Budget)!.Status;
        var eviction = cluster.DisruptionController;

        var first = eviction.TryEvict(new ObjectKey(Pod.KindName, "default", "web-1"), "drain");
        var second = eviction.TryEvict(new ObjectKey(Pod.KindName, "default", "web-2"), "drain");
        cluster.Simulation.RunFor(TimeSpan.FromSeconds(10)); // the replacement comes up (new pod, image present: < 2 s)
        var third = eviction.TryEvict(new ObjectKey(Pod.KindName, "default", "web-2"), "drain");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(new PodDisruptionBudgetStatus { CurrentHealthy = 3, DesiredHealthy = 2, ExpectedPods = 3, DisruptionsAllowed = 1 }));
            Assert.That(first.Status, Is.EqualTo(ApiStatus.Ok));
            Assert.That(second.Status, Is.EqualTo(ApiStatus.TooManyRequests));
            Assert.That(second.Message, Is.EqualTo("Cannot evict pod as it would violate the pod's disruption budget web"));
            Assert.That(third.Status, Is.EqualTo(ApiStatus.Ok));
        });
    }

    [TestCase(false, 50, 2)] // minAvailable 50% of 3 rounds up to 2
    [TestCase(true, 50, 1)]  // maxUnavailable 50% of 3 rounds up to 2, so 1 must stay healthy
    [TestCase(true, 0, 3)]
    public void Percentages_scale_with_the_controllers_replicas(bool maxUnavailable, int percent, int desired)
    {
        var value = IntOrPercent.Percent(percent);
        var cluster = WithBudget(new PodDisruptionBudget
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Selector = LabelSelector.Parse("app=web"),
            MinAvailable = maxUnavailable ? null : value,
            MaxUnavailable = maxUnavailable ? value : null,
        });

        var status = cluster.Api.Get<PodDisruptionBudget>(Budget)!.Status;

        Assert.Multiple(() =>
        {
            Assert.That(status.ExpectedPods, Is.EqualTo(3));
            Assert.That(status.DesiredHealthy, Is.EqualTo(desired));
            Assert.That(status.DisruptionsAllowed, Is.EqualTo(3 - desired));
        });
    }

    [Test]
    public void A_budget_with_both_or_neither_limit_is_invalid()
    {
        var cluster = WorkloadLifeTests.BuildCluster();

        var result = cluster.Client("kubectl").Create(new PodDisruptionBudget
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Selector = LabelSelector.Parse("app=web"),
        });

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ApiStatus.Invalid));
            Assert.That(result.Message, Does.Contain("minAvailable and maxUnavailable"));
        });
    }

    [TestCase(25, 10, true, 3)]
    [TestCase(25, 10, false, 2)]
    [TestCase(100, 7, false, 7)]
    [TestCase(1, 7, true, 1)]
    public void Percentages_round_as_GetScaledValueFromIntOrPercent(int percent, int total, bool roundUp, int expected)
    {
        Assert.That(IntOrPercent.Percent(percent).Scaled(total, roundUp), Is.EqualTo(expected));
    }

    private static SimulatedCluster WithBudget(PodDisruptionBudget budget)
    {
        var cluster = WorkloadLifeTests.BuildCluster();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(5));
        Assert.That(cluster.Client("kubectl").Create(budget).Status, Is.EqualTo(ApiStatus.Ok));
        cluster.Simulation.RunFor(TimeSpan.FromSeconds(1));
        return cluster;
    }
}
