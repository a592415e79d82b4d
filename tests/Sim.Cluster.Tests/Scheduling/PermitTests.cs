using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;
using Sim.Scheduling;

namespace Sim.Cluster.Tests.Scheduling;

/// <summary>Permit's Wait: the pod stays assumed until a plugin allows it, or is un-assumed and requeued when the wait times out.</summary>
public class PermitTests
{
    private static SimulatedCluster NewCluster()
    {
        var registry = TestPlugins.Registry();
        registry.Register(HoldAtPermit.PluginName, (_, _) => new HoldAtPermit());
        var profile = TestPlugins.Minimal();
        profile = profile with { Plugins = profile.Plugins with { Permit = PluginSet.Of(new PluginRef(HoldAtPermit.PluginName)) } };
        var cluster = new SimulatedCluster(seed: 1, scheduler: new SchedulerConfiguration { Profiles = [profile] }, plugins: registry);
        cluster.AddNode("only", ResourceList.Builder().Cpu(2000).Memory(8L << 30).Pods(110).Build());
        return cluster;
    }

    [Test]
    public void A_held_pod_counts_on_its_node_and_is_bound_once_allowed()
    {
        var cluster = NewCluster();
        var kubectl = cluster.Client("kubectl");
        kubectl.Create(St.MakePod().Name("held").Req(("cpu", "2")).Obj());
        cluster.Simulation.RunUntil(SimTime.FromSeconds(5));

        var key = new Cluster.Api.ObjectKey("Pod", "default", "held");
        var waiting = cluster.Scheduler.WaitingPods.Get(key);
        Assert.That(waiting, Is.Not.Null);
        Assert.That(waiting!.PendingPlugins, Is.EqualTo(new[] { HoldAtPermit.PluginName }));
        Assert.That(kubectl.Get<Pod>(key)!.IsBound, Is.False);
        Assert.That(cluster.Scheduler.Snapshot.Get("only")!.Requested.MilliCpu, Is.EqualTo(2000), "assumed while it waits");

        waiting.Allow(HoldAtPermit.PluginName);
        cluster.Simulation.RunUntil(SimTime.FromSeconds(6));
        Assert.That(kubectl.Get<Pod>(key)!.Spec.NodeName, Is.EqualTo("only"));
        Assert.That(cluster.Scheduler.WaitingPods.All, Is.Empty);
    }

    [Test]
    public void A_wait_that_times_out_releases_the_node_and_requeues_the_pod()
    {
        var cluster = NewCluster();
        var kubectl = cluster.Client("kubectl");
        kubectl.Create(St.MakePod().Name("held").Req(("cpu", "2")).Obj());
        cluster.Simulation.RunUntil(SimTime.FromSeconds(10));
        var key = new Cluster.Api.ObjectKey("Pod", "default", "held");
        Assert.That(cluster.Scheduler.WaitingPods.Get(key), Is.Not.Null);

        cluster.Simulation.RunUntil(SimTime.FromTimeSpan(TimeSpan.FromMilliseconds(10_500)));

        Assert.That(cluster.Scheduler.WaitingPods.Get(key), Is.Null, "the next attempt may hold it again, but not before its backoff");
        Assert.That(cluster.Scheduler.Snapshot.Get("only")!.Requested.MilliCpu, Is.Zero, "un-assumed");
        Assert.That(cluster.Scheduler.Queue.LocationOf(key), Is.EqualTo("unschedulable"));
        Assert.That(kubectl.Get<Pod>(key)!.IsBound, Is.False);
    }
}
