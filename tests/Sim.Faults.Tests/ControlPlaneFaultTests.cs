using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Faults.Tests;

public class ControlPlaneFaultTests
{
    [Test]
    public void A_scheduler_outage_leaves_new_pods_pending_until_it_ends()
    {
        var cluster = TestClusters.Nodes(2);
        new FaultInjector(cluster, [new SchedulerOutageFault { Name = "outage", At = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(60) }]).Start();
        new Workloads.WorkloadDriver(cluster,
        [
            new Workloads.DeploymentWorkload
            {
                Name = "web", Count = 1, Start = TimeSpan.FromSeconds(10), Replicas = Workloads.Distribution.Constant(2),
                Pod = new Workloads.PodShape { Cpu = Workloads.Distribution.Constant(100), Memory = Workloads.Distribution.Constant(1 << 20) },
            },
        ]).Start();

        cluster.Simulation.RunUntil(SimTime.FromSeconds(59));
        var bound = TestClusters.ActivePods(cluster).Count(p => p.IsBound);
        cluster.Simulation.RunUntil(SimTime.FromSeconds(61));

        Assert.Multiple(() =>
        {
            Assert.That(bound, Is.Zero);
            Assert.That(TestClusters.ActivePods(cluster).Count(p => p.IsBound), Is.EqualTo(2));
        });
    }

    [Test]
    public void Overlapping_latency_spikes_combine_and_end_with_the_last()
    {
        var cluster = TestClusters.Nodes(1);
        var injector = new FaultInjector(cluster,
        [
            new ApiLatencySpikeFault { Name = "x10", At = TimeSpan.FromSeconds(10), Duration = TimeSpan.FromSeconds(20), Factor = 10 },
            new ApiLatencySpikeFault { Name = "x3", At = TimeSpan.FromSeconds(20), Duration = TimeSpan.FromSeconds(20), Factor = 3 },
            new ApiLatencySpikeFault { Name = "fixed", At = TimeSpan.FromSeconds(25), Duration = TimeSpan.FromSeconds(1), Latency = TimeSpan.FromSeconds(2) },
        ]);
        injector.Start();
        var seen = new List<WatchLatencyAdjustment>();
        foreach (var t in new[] { 5, 15, 22, 25, 35, 45 })
        {
            cluster.Simulation.RunUntil(SimTime.FromSeconds(t));
            seen.Add(cluster.Api.WatchLatency);
        }

        Assert.That(seen, Is.EqualTo(new[]
        {
            WatchLatencyAdjustment.None,
            new WatchLatencyAdjustment(10),
            new WatchLatencyAdjustment(30),
            new WatchLatencyAdjustment(30, TimeSpan.FromSeconds(2)),
            new WatchLatencyAdjustment(3),
            WatchLatencyAdjustment.None,
        }));
    }

    [Test]
    public void A_latency_spike_delays_what_kube_proxies_learn()
    {
        // A Deployment created during a 100× spike: its endpoints reach the proxies 1 s after they are written.
        var cluster = TestClusters.WithWeb(nodes: 2, deployments: 1, replicas: 1);
        new FaultInjector(cluster, [new ApiLatencySpikeFault { Name = "slow", At = TimeSpan.Zero, Duration = TimeSpan.FromHours(1), Factor = 100 }]).Start();

        cluster.Simulation.RunUntil(SimTime.FromSeconds(120));

        var written = cluster.Log.Events.First(e => e.Target.Kind == Endpoints.KindName && e.Change == "1 ready address(es)").Time;
        var replay = TestClusters.WithWeb(nodes: 2, deployments: 1, replicas: 1);
        new FaultInjector(replay, [new ApiLatencySpikeFault { Name = "slow", At = TimeSpan.Zero, Duration = TimeSpan.FromHours(1), Factor = 100 }]).Start();
        replay.Simulation.RunUntil(written + TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
        var before = replay.Proxies["n0"].Backends(new ObjectKey(Service.KindName, "default", "web-0")).Length;
        replay.Simulation.RunUntil(written + TimeSpan.FromSeconds(1));
        var after = replay.Proxies["n0"].Backends(new ObjectKey(Service.KindName, "default", "web-0")).Length;

        Assert.That((before, after), Is.EqualTo((0, 1)));
    }

    [Test]
    public void A_latency_spike_too_large_for_a_TimeSpan_holds_the_events_past_the_end_instead_of_overflowing()
    {
        // The scenario format takes any finite factor: 1e300 times a watch latency is no TimeSpan.
        var cluster = TestClusters.WithWeb(nodes: 2, deployments: 1, replicas: 1);
        new FaultInjector(cluster, [new ApiLatencySpikeFault { Name = "stuck", At = TimeSpan.Zero, Duration = TimeSpan.FromHours(1), Factor = 1e300 }]).Start();

        cluster.Simulation.RunUntil(SimTime.FromSeconds(120));

        Assert.That(cluster.Proxies["n0"].Backends(new ObjectKey(Service.KindName, "default", "web-0")), Is.Empty, "nothing the watches carry arrives during the run");
    }

    [Test]
    public void Invalid_faults_are_refused_with_their_name()
    {
        var cluster = TestClusters.Nodes(1);

        Assert.Multiple(() =>
        {
            Assert.That(() => new FaultInjector(cluster, [new KubeletPartitionFault { Name = "p", At = TimeSpan.Zero, Nodes = ["n0"], Count = 1 }]),
                Throws.ArgumentException.With.Message.Contains("fault p: give either nodes or a count"));
            Assert.That(() => new FaultInjector(cluster, [new PodCrashFault { Name = "c" }]),
                Throws.ArgumentException.With.Message.Contains("give a time between crashes or a schedule"));
            Assert.That(() => new FaultInjector(cluster, [new ApiLatencySpikeFault { Name = "s", At = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(1) }]),
                Throws.ArgumentException.With.Message.Contains("either a factor or a latency"));
            Assert.That(() => new FaultInjector(cluster, [new SchedulerOutageFault { Name = "a", At = TimeSpan.Zero }, new SchedulerOutageFault { Name = "a", At = TimeSpan.Zero }]),
                Throws.ArgumentException.With.Message.Contains("distinct"));
        });
    }
}
