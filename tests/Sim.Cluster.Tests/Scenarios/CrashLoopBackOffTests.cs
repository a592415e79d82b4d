using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Cluster.Tests.Scenarios;

/// <summary>The kubelet's restart back-off: 10 s, doubling, capped at 300 s, reset after 10 minutes of running.</summary>
public class CrashLoopBackOffTests
{
    [Test]
    public void A_container_that_keeps_crashing_backs_off_10_20_40_80_160_300_300_seconds()
    {
        var cluster = WorkloadLifeTests.BuildCluster();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(5));
        var kubelet = cluster.Kubelets["node-a"];
        var delays = new List<double>();
        var crashTimes = new List<SimTime>();

        // Crash the container again as soon as it is running after each restart.
        for (var i = 0; i < 7; i++)
        {
            crashTimes.Add(cluster.Simulation.Now);
            delays.Add(kubelet.CrashContainer("web-1")!.Value.TotalSeconds);
            RunUntilRunningAgain(cluster, "web-1");
        }

        var pod = cluster.Api.Get<Pod>(new ObjectKey(Pod.KindName, "default", "web-1"))!;
        Assert.Multiple(() =>
        {
            Assert.That(delays, Is.EqualTo(new[] { 10.0, 20, 40, 80, 160, 300, 300 }));
            Assert.That(pod.Status.Restarts, Is.EqualTo(7));
            Assert.That(cluster.Log.Events.Count(e => e.Change.StartsWith("container crashed", StringComparison.Ordinal)), Is.EqualTo(7));
        });
    }

    [Test]
    public void The_back_off_resets_after_ten_minutes_of_running()
    {
        var cluster = WorkloadLifeTests.BuildCluster();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(5));
        var kubelet = cluster.Kubelets["node-a"];

        var first = kubelet.CrashContainer("web-1");
        RunUntilRunningAgain(cluster, "web-1");
        var second = kubelet.CrashContainer("web-1");
        RunUntilRunningAgain(cluster, "web-1");
        cluster.Simulation.RunFor(TimeSpan.FromMinutes(10));
        var afterQuiet = kubelet.CrashContainer("web-1");

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(TimeSpan.FromSeconds(10)));
            Assert.That(second, Is.EqualTo(TimeSpan.FromSeconds(20)));
            Assert.That(afterQuiet, Is.EqualTo(TimeSpan.FromSeconds(10)));
        });
    }

    [Test]
    public void A_crashed_container_runs_again_one_container_start_after_its_back_off_and_is_ready_a_readiness_delay_later()
    {
        var cluster = WorkloadLifeTests.BuildCluster();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(5));
        var crashedAt = cluster.Simulation.Now;

        cluster.Kubelets["node-a"].CrashContainer("web-1");
        cluster.Simulation.RunFor(TimeSpan.FromSeconds(15));

        // Back-off 10 s, container start 0.3 s (no sandbox, no pull), readiness 1 s.
        var writes = cluster.Log.Events
            .Where(e => e.Target.Name == "web-1" && e.Time > crashedAt)
            .Select(e => (Seconds: (e.Time - crashedAt).TotalSeconds, e.Change))
            .ToList();
        Assert.That(writes, Is.EqualTo(new[] { (10.3, "Running"), (11.3, "Ready") }));
    }

    [Test]
    public void A_crashed_pod_leaves_the_endpoints_until_it_is_ready_again()
    {
        var cluster = WorkloadLifeTests.BuildCluster();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(5));
        var endpoints = new ObjectKey(Endpoints.KindName, "default", "web");

        cluster.Kubelets["node-a"].CrashContainer("web-2");
        cluster.Simulation.RunFor(TimeSpan.FromSeconds(1));
        var during = cluster.Api.Get<Endpoints>(endpoints)!.Addresses.Select(a => a.PodName).ToList();
        cluster.Simulation.RunFor(TimeSpan.FromSeconds(15)); // 10 s back-off + 0.3 s start + 1 s readiness
        var after = cluster.Api.Get<Endpoints>(endpoints)!.Addresses.Select(a => a.PodName).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(during, Is.EqualTo(new[] { "web-1", "web-3" }));
            Assert.That(after, Is.EqualTo(new[] { "web-1", "web-2", "web-3" }));
        });
    }

    private static void RunUntilRunningAgain(SimulatedCluster cluster, string podName)
    {
        var key = new ObjectKey(Pod.KindName, "default", podName);
        do
        {
            cluster.Simulation.RunFor(TimeSpan.FromSeconds(1));
        }
        while (cluster.Api.Get<Pod>(key)!.Status.Reason == "CrashLoopBackOff");
    }
}
