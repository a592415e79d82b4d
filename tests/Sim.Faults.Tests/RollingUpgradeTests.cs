using Sim.Engine;

namespace Sim.Faults.Tests;

public class RollingUpgradeTests
{
    [Test]
    public void Nodes_are_upgraded_one_at_a_time_and_the_replicas_survive()
    {
        var cluster = TestClusters.WithWeb(nodes: 3, deployments: 2, replicas: 3, minAvailable: Cluster.Objects.IntOrPercent.Absolute(2));
        var injector = new FaultInjector(cluster, [new RollingUpgradeFault { Name = "upgrade", At = TimeSpan.FromSeconds(60), UpgradeTime = TimeSpan.FromSeconds(120) }]);
        injector.Start();

        var maxDown = 0;
        for (var t = 60; t < 3000; t++)
        {
            cluster.Simulation.RunUntil(SimTime.FromSeconds(t));
            maxDown = Math.Max(maxDown, cluster.Kubelets.Values.Count(k => k.IsDown));
        }

        var downs = injector.Log.Where(r => r.IsDown).ToList();
        var ups = injector.Log.Where(r => !r.IsDown).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(maxDown, Is.EqualTo(1));
            Assert.That(downs.Select(r => r.Node), Is.EqualTo(new[] { "n0", "n1", "n2" }));
            Assert.That(ups.Zip(downs, (u, d) => u.Time - d.Time), Is.All.EqualTo(TimeSpan.FromSeconds(120)));
            Assert.That(downs.Skip(1).Zip(ups, (d, u) => d.Time >= u.Time), Is.All.True, "the next node waits for the previous one");
            Assert.That(TestClusters.ActivePods(cluster).Count(p => p.Status.IsReady), Is.EqualTo(6));
            Assert.That(cluster.Api.List(Cluster.Objects.Node.KindName).Cast<Cluster.Objects.Node>().Any(n => n.Spec.Unschedulable), Is.False);
        });
    }
}
