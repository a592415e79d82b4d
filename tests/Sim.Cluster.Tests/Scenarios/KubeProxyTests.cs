using Sim.Cluster.Api;
using Sim.Cluster.Nodes;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Cluster.Tests.Scenarios;

public class KubeProxyTests
{
    private static readonly ObjectKey Web = new(Service.KindName, "default", "web");

    [Test]
    public void Kube_proxy_learns_endpoints_one_watch_latency_after_the_endpoints_controller_writes_them()
    {
        var cluster = WorkloadLifeTests.BuildCluster();
        var proxy = cluster.Proxies["node-b"];

        // The endpoints controller writes 3 addresses at some time T (3.045 s with the default timings);
        // with a 10 ms watch latency the proxy knows them at T + 10 ms, not a tick before.
        cluster.Simulation.RunUntil(SimTime.FromSeconds(5));
        var written = cluster.Log.Events.Single(e => e.Target.Kind == Endpoints.KindName && e.Change == "3 ready address(es)").Time;
        var replay = WorkloadLifeTests.BuildCluster();
        var proxyOfReplay = replay.Proxies["node-b"];
        replay.Simulation.RunUntil(written + TimeSpan.FromMilliseconds(10) - TimeSpan.FromTicks(1));
        var before = proxyOfReplay.Backends(Web).Length;
        replay.Simulation.RunUntil(written + TimeSpan.FromMilliseconds(10));
        var after = proxyOfReplay.Backends(Web).Length;

        Assert.Multiple(() =>
        {
            Assert.That(written, Is.EqualTo(SimTime.FromTicks(3_045 * TimeSpan.TicksPerMillisecond)));
            Assert.That(before, Is.Zero);
            Assert.That(after, Is.EqualTo(3));
            Assert.That(proxy.Backends(Web), Has.Length.EqualTo(3));
        });
    }

    [Test]
    public void Random_mode_spreads_requests_evenly_over_the_backends()
    {
        var cluster = WorkloadLifeTests.BuildCluster();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(10));
        var proxy = cluster.Proxies["node-a"];

        var counts = Enumerable.Range(0, 30_000).Select(_ => proxy.Pick(Web)!.PodName).GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());

        Assert.Multiple(() =>
        {
            Assert.That(proxy.Mode, Is.EqualTo(KubeProxyMode.Random));
            Assert.That(counts.Keys, Is.EquivalentTo(new[] { "web-1", "web-2", "web-3" }));
            // Binomial(30000, 1/3): sd = 81.6; allow 5 sd.
            Assert.That(counts.Values, Is.All.InRange(10_000 - 410, 10_000 + 410));
        });
    }

    [Test]
    public void Round_robin_mode_takes_the_backends_in_turn()
    {
        var cluster = WorkloadLifeTests.BuildCluster(proxyMode: KubeProxyMode.RoundRobin);
        cluster.Simulation.RunUntil(SimTime.FromSeconds(10));
        var proxy = cluster.Proxies["node-a"];

        var picks = Enumerable.Range(0, 6).Select(_ => proxy.Pick(Web)!.PodName);

        Assert.That(picks, Is.EqualTo(new[] { "web-1", "web-2", "web-3", "web-1", "web-2", "web-3" }));
    }

    [Test]
    public void A_proxy_that_knows_no_endpoints_picks_nothing()
    {
        var cluster = WorkloadLifeTests.BuildCluster();

        Assert.That(cluster.Proxies["node-a"].Pick(Web), Is.Null);
    }
}
