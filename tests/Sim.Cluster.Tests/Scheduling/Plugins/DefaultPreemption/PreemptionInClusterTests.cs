using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;
using Sim.Scheduling;
using Preemption = Sim.Scheduling.Plugins.DefaultPreemption.DefaultPreemption;

namespace Sim.Cluster.Tests.Scheduling.Plugins.DefaultPreemption;

/// <summary>DefaultPreemption in a running scheduler (with NodeResourcesFit): victims deleted gracefully, the preemptor nominated, then bound.</summary>
public class PreemptionInClusterTests
{
    private static readonly ObjectKey Low = new("Pod", "default", "low");
    private static readonly ObjectKey High = new("Pod", "default", "high");
    private static readonly ObjectKey Held = new("Pod", "default", "held");

    private static ProfileConfig Profile() => TestPlugins.Profile(
        "default-scheduler",
        new("PrioritySort"),
        new("SchedulingGates"),
        new("NodeUnschedulable"),
        new("NodeName"),
        new("NodeResourcesFit"),
        new(TestPlugins.FreeCpuScore.PluginName),
        new(Preemption.PluginName),
        new("DefaultBinder"));

    private static SimulatedCluster NewCluster(ProfileConfig? profile = null, PluginRegistry? registry = null)
    {
        var cluster = new SimulatedCluster(seed: 1, scheduler: new SchedulerConfiguration { Profiles = [profile ?? Profile()] }, plugins: registry ?? TestPlugins.Registry());
        cluster.AddNode("only", ResourceList.Builder().Cpu(2000).Memory(8L << 30).Pods(110).Build());
        return cluster;
    }

    /// <summary>Runs in 10 ms steps until <paramref name="done"/> holds (at most <paramref name="limit"/>); returns the time reached.</summary>
    private static SimTime RunUntil(SimulatedCluster cluster, Func<bool> done, SimTime limit)
    {
        var t = cluster.Simulation.Now;
        while (!done() && t < limit)
        {
            t += TimeSpan.FromMilliseconds(10);
            cluster.Simulation.RunUntil(t);
        }

        return t;
    }

    [Test]
    public void A_high_priority_pod_preempts_a_low_priority_pod_and_is_bound_to_the_node_once_the_victim_is_gone()
    {
        var cluster = NewCluster();
        var kubectl = cluster.Client("kubectl");
        kubectl.Create(St.MakePod().Name("low").Priority(0).Req(("cpu", "2")).Obj());
        cluster.Simulation.RunUntil(SimTime.FromSeconds(10));
        Assert.That(kubectl.Get<Pod>(Low)!.Spec.NodeName, Is.EqualTo("only"));

        kubectl.Create(St.MakePod().Name("high").Priority(1000).Req(("cpu", "2")).Obj());
        var t = RunUntil(cluster, () => kubectl.Get<Pod>(High)!.Status.NominatedNodeName.Length != 0, SimTime.FromSeconds(20));

        // Nominated: the victim is terminating (still there, deletion requested), the preemptor waits.
        var nominated = kubectl.Get<Pod>(High)!;
        var victim = kubectl.Get<Pod>(Low);
        Assert.Multiple(() =>
        {
            Assert.That(nominated.Status.NominatedNodeName, Is.EqualTo("only"));
            Assert.That(nominated.IsBound, Is.False);
            Assert.That(nominated.Status.Message, Is.EqualTo("0/1 nodes are available: 1 Insufficient cpu."));
            Assert.That(cluster.Scheduler.Nominator.NominatedNodeOf(High), Is.EqualTo("only"));
            Assert.That(victim, Is.Not.Null, "deleted gracefully: still there while it terminates");
            Assert.That(victim!.DeletionRequestedAt, Is.Not.Null);
            Assert.That(victim.Status.Reason, Is.EqualTo(Preemption.PreemptionByScheduler));
        });

        cluster.Simulation.RunUntil(t + TimeSpan.FromSeconds(30));

        Assert.That(kubectl.Get<Pod>(Low), Is.Null, "the victim is gone");
        Assert.That(kubectl.Get<Pod>(High)!.Spec.NodeName, Is.EqualTo("only"));
        var log = cluster.Log.Events.ToList();
        int At(Predicate<Sim.Cluster.Events.ClusterEvent> match) => log.FindIndex(match);
        var preempted = At(e => e.Target == Low && e.Component == "default-scheduler" && e.Change == "preempted by default/high on node only");
        var removed = At(e => e.Target == Low && e.Change.Contains("removed", StringComparison.Ordinal));
        var bound = At(e => e.Target == High && e.Change == "bound to only");
        Assert.That(preempted, Is.GreaterThanOrEqualTo(0), "the scheduler requested the victim's deletion");
        Assert.That(removed, Is.GreaterThan(preempted), "the kubelet removed the victim after its graceful termination");
        Assert.That(bound, Is.GreaterThan(removed), "the preemptor was bound once the victim was gone");
    }

    [Test]
    public void A_pod_that_may_not_preempt_stays_pending_and_its_victim_keeps_running()
    {
        var cluster = NewCluster();
        var kubectl = cluster.Client("kubectl");
        kubectl.Create(St.MakePod().Name("low").Priority(0).Req(("cpu", "2")).Obj());
        cluster.Simulation.RunUntil(SimTime.FromSeconds(10));
        kubectl.Create(St.MakePod().Name("polite").Priority(1000).PreemptionPolicy(PreemptionPolicy.Never).Req(("cpu", "2")).Obj());
        cluster.Simulation.RunUntil(SimTime.FromSeconds(40));

        var polite = kubectl.Get<Pod>(new("Pod", "default", "polite"))!;
        Assert.Multiple(() =>
        {
            Assert.That(polite.IsBound, Is.False);
            Assert.That(polite.Status.NominatedNodeName, Is.Empty);
            Assert.That(polite.Status.Message, Is.EqualTo("0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.."));
            Assert.That(kubectl.Get<Pod>(Low)!.DeletionRequestedAt, Is.Null);
        });
    }

    [Test]
    public void A_victim_waiting_at_permit_is_rejected_there_instead_of_deleted()
    {
        var registry = TestPlugins.Registry();
        registry.Register(HoldAtPermit.PluginName, (_, _) => new HoldAtPermit { Timeout = TimeSpan.FromMinutes(10) });
        var profile = Profile();
        profile = profile with { Plugins = profile.Plugins with { Permit = PluginSet.Of(new PluginRef(HoldAtPermit.PluginName)) } };
        var cluster = NewCluster(profile, registry);
        var kubectl = cluster.Client("kubectl");
        kubectl.Create(St.MakePod().Name("held").Priority(0).Req(("cpu", "2")).Obj());
        cluster.Simulation.RunUntil(SimTime.FromSeconds(5));
        Assert.That(cluster.Scheduler.WaitingPods.Get(Held), Is.Not.Null);

        kubectl.Create(St.MakePod().Name("high").Priority(1000).Req(("cpu", "2")).Obj());
        cluster.Simulation.RunUntil(SimTime.FromSeconds(6));

        Assert.Multiple(() =>
        {
            Assert.That(cluster.Scheduler.WaitingPods.Get(Held), Is.Null, "rejected at Permit");
            Assert.That(kubectl.Get<Pod>(Held)!.DeletionRequestedAt, Is.Null, "not deleted");
            Assert.That(kubectl.Get<Pod>(High)!.Status.NominatedNodeName, Is.EqualTo("only"));
        });

        // The rejection reaches the queue while the preemptor is in flight, and the queue does not replay
        // it to the preemptor, so the preemptor is retried at the unschedulable-pods flush (5 minutes).
        cluster.Simulation.RunUntil(SimTime.FromSeconds(360));
        Assert.That(cluster.Scheduler.WaitingPods.Get(High)?.NodeName, Is.EqualTo("only"), "the preemptor took its place");
    }

    [Test]
    public void A_nomination_is_cleared_when_preemption_can_no_longer_help()
    {
        var cluster = NewCluster();
        var kubectl = cluster.Client("kubectl");
        kubectl.Create(St.MakePod().Name("low").Priority(0).Req(("cpu", "2")).Obj());
        cluster.Simulation.RunUntil(SimTime.FromSeconds(10));
        kubectl.Create(St.MakePod().Name("high").Priority(1000).Req(("cpu", "2")).Obj());
        RunUntil(cluster, () => kubectl.Get<Pod>(High)!.Status.NominatedNodeName.Length != 0, SimTime.FromSeconds(20));
        Assert.That(kubectl.Get<Pod>(High)!.Status.NominatedNodeName, Is.EqualTo("only"));

        // The node is cordoned while the victim terminates: when the preemptor is retried, no node can
        // be made to fit, and its nomination (which holds room on the node) is dropped.
        kubectl.Modify<Node>(new ObjectKey("Node", string.Empty, "only"), n => n with { Spec = n.Spec with { Unschedulable = true } }, "cordoned");
        cluster.Simulation.RunUntil(SimTime.FromSeconds(60));

        var high = kubectl.Get<Pod>(High)!;
        Assert.Multiple(() =>
        {
            Assert.That(kubectl.Get<Pod>(Low), Is.Null, "the victim was removed");
            Assert.That(high.IsBound, Is.False);
            Assert.That(high.Status.NominatedNodeName, Is.Empty);
            Assert.That(cluster.Scheduler.Nominator.NominatedNodeOf(High), Is.Null);
            Assert.That(high.Status.Message, Is.EqualTo(
                "0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.."));
        });
    }
}
