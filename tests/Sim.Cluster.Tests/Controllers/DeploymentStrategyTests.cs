using Sim.Cluster.Objects;

namespace Sim.Cluster.Tests.Controllers;

// The resolution of maxSurge and maxUnavailable as upstream's ResolveFenceposts and MaxUnavailable
// (pkg/controller/deployment/util): surge rounds up, unavailable rounds down, both 0 makes
// unavailable 1, and unavailable never exceeds the replicas (0 for 0 replicas).
public class DeploymentStrategyTests
{
    private static readonly TestCaseData[] Cases =
    [
        Case(IntOrPercent.Percent(25), IntOrPercent.Percent(25), 10, 3, 2).SetName("Defaults of 25% on 10 replicas give surge 3 and unavailable 2"),
        Case(IntOrPercent.Percent(25), IntOrPercent.Percent(25), 4, 1, 1).SetName("Defaults of 25% on 4 replicas give 1 and 1"),
        Case(IntOrPercent.Percent(25), IntOrPercent.Percent(25), 1, 1, 0).SetName("Defaults on 1 replica give surge 1 and unavailable 0"),
        Case(IntOrPercent.Absolute(2), IntOrPercent.Absolute(1), 10, 2, 1).SetName("Absolute numbers are taken as they are"),
        Case(IntOrPercent.Absolute(0), IntOrPercent.Percent(25), 3, 0, 1).SetName("Both resolving to 0 makes unavailable 1"),
        Case(IntOrPercent.Absolute(0), IntOrPercent.Absolute(0), 10, 0, 1).SetName("Both absolute 0 makes unavailable 1"),
        Case(IntOrPercent.Percent(10), IntOrPercent.Percent(10), 5, 1, 0).SetName("Surge rounds 0.5 up and unavailable rounds 0.5 down"),
        Case(IntOrPercent.Percent(0), IntOrPercent.Percent(30), 10, 0, 3).SetName("A zero surge keeps the percentage of unavailable"),
        Case(IntOrPercent.Absolute(1), IntOrPercent.Absolute(5), 3, 1, 3).SetName("Unavailable is capped at the replicas"),
        Case(IntOrPercent.Percent(25), IntOrPercent.Percent(25), 0, 0, 0).SetName("Zero replicas allow no unavailability"),
        Case(IntOrPercent.Percent(100), IntOrPercent.Percent(100), 7, 7, 7).SetName("One hundred percent is every replica"),
    ];

    [TestCaseSource(nameof(Cases))]
    public void Resolves_surge_and_unavailable_as_upstream(IntOrPercent maxSurge, IntOrPercent maxUnavailable, int replicas, int surge, int unavailable)
    {
        var strategy = new DeploymentStrategy { MaxSurge = maxSurge, MaxUnavailable = maxUnavailable };

        Assert.Multiple(() =>
        {
            Assert.That(strategy.ResolveMaxSurge(replicas), Is.EqualTo(surge), "maxSurge");
            Assert.That(strategy.ResolveMaxUnavailable(replicas), Is.EqualTo(unavailable), "maxUnavailable");
        });
    }

    [Test]
    public void The_defaults_are_25_percent_each()
    {
        var strategy = new DeploymentStrategy();

        Assert.Multiple(() =>
        {
            Assert.That(strategy.MaxSurge, Is.EqualTo(IntOrPercent.Percent(25)));
            Assert.That(strategy.MaxUnavailable, Is.EqualTo(IntOrPercent.Percent(25)));
            Assert.That(strategy.MaxSurge.ToString(), Is.EqualTo("25%"));
        });
    }

    private static TestCaseData Case(IntOrPercent maxSurge, IntOrPercent maxUnavailable, int replicas, int surge, int unavailable) =>
        new(maxSurge, maxUnavailable, replicas, surge, unavailable);
}
