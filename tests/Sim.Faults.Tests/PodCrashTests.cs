using Sim.Cluster.Labels;
using Sim.Engine;
using Sim.Workloads;

namespace Sim.Faults.Tests;

public class PodCrashTests
{
    [Test]
    public void Containers_crash_at_the_rate_per_pod_and_restart_under_crash_loop_back_off()
    {
        // 2 Deployments × 5 pods; each running pod crashes after Exp(mean 600 s) from its first Running
        // (and from each crash); the wait in back-off and restart (≥ 11.3 s) is a small share of the time.
        var cluster = TestClusters.WithWeb(nodes: 3, deployments: 2, replicas: 5);
        var injector = new FaultInjector(cluster, [new PodCrashFault { Name = "flaky", TimeBetweenCrashes = Distribution.Exponential(600) }]);
        injector.Start();

        cluster.Simulation.RunUntil(SimTime.FromSeconds(20 * 3600));

        var pods = TestClusters.ActivePods(cluster);
        var restarts = pods.Sum(p => p.Status.Restarts);
        var expected = 10 * 20 * 3600 / 600.0;
        Assert.Multiple(() =>
        {
            Assert.That(pods, Has.Count.EqualTo(10), "crashing pods restart in place");
            Assert.That(restarts, Is.EqualTo(injector.ContainerCrashes));
            Assert.That(injector.ContainerCrashes, Is.InRange(expected * 0.85, expected * 1.02));
            Assert.That(injector.Events.Select(e => e.Action), Is.All.EqualTo(FaultAction.ContainerCrashed));
        });
    }

    [Test]
    public void A_schedule_crashes_the_chosen_number_of_selected_running_pods()
    {
        var cluster = TestClusters.WithWeb(nodes: 3, deployments: 2, replicas: 3);
        var injector = new FaultInjector(cluster,
        [
            new PodCrashFault { Name = "once", Selector = LabelSelector.Parse("app=web-1"), Schedule = [TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(31)], Count = 2 },
        ]);
        injector.Start();

        cluster.Simulation.RunUntil(SimTime.FromSeconds(32));
        var pods = TestClusters.ActivePods(cluster);

        Assert.Multiple(() =>
        {
            Assert.That(pods.Where(p => p.Metadata.Labels["app"] == "web-0").Select(p => p.Status.Restarts), Is.All.Zero);
            Assert.That(pods.Where(p => p.Metadata.Labels["app"] == "web-1").Sum(p => p.Status.Restarts), Is.EqualTo(3), "2 crash at 30 s; at 31 s only the third still runs");
            Assert.That(pods.Where(p => p.Metadata.Labels["app"] == "web-1").Count(p => p.Status.Reason == "CrashLoopBackOff"), Is.EqualTo(3));
            Assert.That(injector.ContainerCrashes, Is.EqualTo(3));
        });
    }

    [Test]
    public void No_crash_happens_outside_start_and_stop()
    {
        var cluster = TestClusters.WithWeb(nodes: 3, deployments: 1, replicas: 4);
        var injector = new FaultInjector(cluster,
        [
            new PodCrashFault { Name = "window", TimeBetweenCrashes = Distribution.Exponential(60), Start = TimeSpan.FromSeconds(1000), Stop = TimeSpan.FromSeconds(2000) },
        ]);
        injector.Start();

        cluster.Simulation.RunUntil(SimTime.FromSeconds(5000));

        Assert.Multiple(() =>
        {
            Assert.That(injector.ContainerCrashes, Is.GreaterThan(10));
            Assert.That(injector.Events.Select(e => e.Time), Is.All.InRange(SimTime.FromSeconds(1000), SimTime.FromSeconds(2000)));
        });
    }
}
