using Sim.Cluster.Objects;
using Sim.Engine;
using Sim.Scheduling;

namespace Sim.Cluster.Tests.Scheduling;

/// <summary>
/// The scheduling queue's timing and moves, as upstream's <c>pkg/scheduler/backend/queue/scheduling_queue.go</c>:
/// backoff 1 s doubling to 10 s, the 1 s backoff flush, the 30 s flush of pods unschedulable for over
/// 5 minutes, gating, and requeueing by the events the rejecting plugin registered.
/// </summary>
public class SchedulingQueueTests
{
    private Simulation _simulation = null!;
    private SchedulingQueue _queue = null!;
    private int _activations;

    [SetUp]
    public void SetUp()
    {
        _simulation = new Simulation();
        var profile = SchedulerProfile.Build(TestPlugins.Minimal(), TestPlugins.Registry(), new FrameworkHandle(new Snapshot()));
        var registrations = profile.Plugins.Values.ToDictionary(p => p.Name, p => (p as IEnqueueExtensions)?.EventsToRegister());
        _activations = 0;
        _queue = new SchedulingQueue(_simulation, new SchedulerConfiguration(), profile.QueueSort, _ => profile, name => registrations.GetValueOrDefault(name), () => _activations++);
    }

    private long _uid;

    private Pod Pod(string name, int priority = 0) => St.MakePod().Name(name).Uid(++_uid).Priority(priority).Req(("cpu", "1")).Obj();

    [TestCase(1, 1)]
    [TestCase(2, 2)]
    [TestCase(3, 4)]
    [TestCase(4, 8)]
    [TestCase(5, 10)]
    [TestCase(9, 10)]
    public void Backoff_doubles_from_one_second_up_to_ten(int attempts, int seconds) =>
        Assert.That(_queue.BackoffDuration(attempts), Is.EqualTo(TimeSpan.FromSeconds(seconds)));

    [Test]
    public void Pops_by_priority_then_by_arrival()
    {
        _queue.Add(Pod("low"));
        _simulation.RunUntil(SimTime.FromSeconds(1));
        _queue.Add(Pod("high", priority: 10));
        _queue.Add(Pod("low-later"));

        var order = new List<string>();
        while (_queue.Pop() is { } info)
        {
            order.Add(info.PodInfo.Name);
        }

        Assert.That(order, Is.EqualTo(new[] { "high", "low", "low-later" }));
    }

    [Test]
    public void A_pod_that_failed_with_an_error_returns_at_the_first_flush_after_its_backoff()
    {
        _queue.Add(Pod("p"));
        _simulation.RunUntil(SimTime.FromTimeSpan(TimeSpan.FromMilliseconds(300)));
        var info = _queue.Pop()!;
        _queue.AddUnschedulable(info, error: true); // attempt 1: backoff 1 s, until 1.3 s

        _simulation.RunUntil(SimTime.FromTimeSpan(TimeSpan.FromMilliseconds(1999)));
        Assert.That(_queue.LocationOf(info.PodInfo.Pod.Key), Is.EqualTo("backoff"));
        _simulation.RunUntil(SimTime.FromSeconds(2));
        Assert.That(_queue.LocationOf(info.PodInfo.Pod.Key), Is.EqualTo("active"), "the 1 s flush at t=2 s moves it");

        // Second failure at 2 s: backoff 2 s, until 4 s, flushed at 4 s.
        _queue.AddUnschedulable(_queue.Pop()!, error: true);
        _simulation.RunUntil(SimTime.FromTimeSpan(TimeSpan.FromMilliseconds(3999)));
        Assert.That(_queue.LocationOf(info.PodInfo.Pod.Key), Is.EqualTo("backoff"));
        _simulation.RunUntil(SimTime.FromSeconds(4));
        Assert.That(_queue.LocationOf(info.PodInfo.Pod.Key), Is.EqualTo("active"));
    }

    [Test]
    public void An_unschedulable_pod_waits_until_the_flush_after_five_minutes()
    {
        _queue.Add(Pod("p"));
        var info = _queue.Pop()!;
        info.UnschedulablePlugins.Add(TestPlugins.CpuFit.PluginName);
        _queue.AddUnschedulable(info, error: false);

        _simulation.RunUntil(SimTime.FromSeconds(329));
        Assert.That(_queue.LocationOf(info.PodInfo.Pod.Key), Is.EqualTo("unschedulable"), "the flush at 300 s finds it there for exactly 5 min, not longer");
        _simulation.RunUntil(SimTime.FromSeconds(330));
        Assert.That(_queue.LocationOf(info.PodInfo.Pod.Key), Is.EqualTo("active"));
    }

    [Test]
    public void Only_events_the_rejecting_plugin_registered_for_requeue_a_pod()
    {
        _queue.Add(Pod("p"));
        var info = _queue.Pop()!;
        info.UnschedulablePlugins.Add(TestPlugins.CpuFit.PluginName);
        _queue.AddUnschedulable(info, error: false);
        _simulation.RunUntil(SimTime.FromSeconds(20));

        _queue.OnClusterEvent(new ClusterEvent(EventResource.Service, ActionType.Add), null, null);
        _queue.OnClusterEvent(new ClusterEvent(EventResource.Node, ActionType.UpdateNodeLabel), null, null);
        Assert.That(_queue.LocationOf(info.PodInfo.Pod.Key), Is.EqualTo("unschedulable"));

        _queue.OnClusterEvent(new ClusterEvent(EventResource.AssignedPod, ActionType.Delete), null, null);
        Assert.That(_queue.LocationOf(info.PodInfo.Pod.Key), Is.EqualTo("active"), "its 1 s backoff has passed, so it goes straight to the active queue");
    }

    [Test]
    public void An_event_during_the_pods_cycle_sends_it_to_backoff_instead_of_waiting()
    {
        _queue.Add(Pod("p"));
        var info = _queue.Pop()!;
        _queue.OnClusterEvent(new ClusterEvent(EventResource.Node, ActionType.Add), null, null);
        info.UnschedulablePlugins.Add(TestPlugins.CpuFit.PluginName);
        _queue.AddUnschedulable(info, error: false);

        Assert.That(_queue.LocationOf(info.PodInfo.Pod.Key), Is.EqualTo("backoff"));
    }

    [Test]
    public void A_gated_pod_waits_through_flushes_until_its_gates_are_removed()
    {
        var gated = St.MakePod().Name("gated").Uid(7).SchedulingGates("example.com/quota").Obj();
        _queue.Add(gated);
        Assert.That(_queue.LocationOf(gated.Key), Is.EqualTo("unschedulable"));
        Assert.That(_queue.Get(gated.Key)!.GatingPlugin, Is.EqualTo("SchedulingGates"));

        _queue.MoveAllToActiveOrBackoff();
        _queue.OnClusterEvent(new ClusterEvent(EventResource.Node, ActionType.Add), null, null);
        _simulation.RunUntil(SimTime.FromTimeSpan(TimeSpan.FromMinutes(10)));
        Assert.That(_queue.LocationOf(gated.Key), Is.EqualTo("unschedulable"));

        _queue.Update(gated with { Spec = gated.Spec with { SchedulingGates = [] } });
        Assert.That(_queue.LocationOf(gated.Key), Is.EqualTo("active"));
        Assert.That(_activations, Is.EqualTo(1));
    }
}
