using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;
using Sim.Scheduling;

namespace Sim.Cluster.Tests.Scheduling;

/// <summary>The scheduler component in a simulated cluster: watch-fed queue and cache, assume, async bind, failure handling.</summary>
public class SchedulerTests
{
    private static SimulatedCluster NewCluster(params ProfileConfig[] profiles) =>
        new(seed: 1, scheduler: new SchedulerConfiguration { Profiles = profiles.Length == 0 ? [TestPlugins.Minimal()] : [.. profiles] }, plugins: TestPlugins.Registry());

    private static ResourceList Cpu(long milli) => ResourceList.Builder().Cpu(milli).Memory(8L << 30).Pods(110).Build();

    [Test]
    public void Pending_pods_are_bound_through_the_api_server_and_assumed_in_between()
    {
        var cluster = NewCluster();
        cluster.AddNode("a", Cpu(4000));
        cluster.AddNode("b", Cpu(6000));
        var kubectl = cluster.Client("kubectl");
        kubectl.Create(St.MakePod().Name("p1").Req(("cpu", "3")).Obj());
        kubectl.Create(St.MakePod().Name("p2").Req(("cpu", "3")).Obj());

        cluster.Simulation.RunUntil(SimTime.FromSeconds(1));

        var p1 = kubectl.Get<Pod>(new("Pod", "default", "p1"))!;
        var p2 = kubectl.Get<Pod>(new("Pod", "default", "p2"))!;
        Assert.That(p1.Spec.NodeName, Is.EqualTo("b"), "most free CPU");
        Assert.That(p2.Spec.NodeName, Is.EqualTo("a"), "p1 was assumed on b before its binding landed, so b scores 0 and a 25");
        Assert.That(p1.Status.ScheduledAt, Is.Not.Null);
        Assert.That(cluster.Scheduler.Scheduled, Is.EqualTo(2));
        Assert.That(cluster.Log.Events.Count(e => e.Component == "default-scheduler" && e.Change.StartsWith("bound to", StringComparison.Ordinal)), Is.EqualTo(2));
    }

    [Test]
    public void A_pod_that_fits_nowhere_gets_upstreams_message_and_is_retried_when_a_node_arrives()
    {
        var cluster = NewCluster();
        cluster.AddNode("small-1", Cpu(1000));
        cluster.AddNode("small-2", Cpu(1000));
        var kubectl = cluster.Client("kubectl");
        kubectl.Create(St.MakePod().Name("big").Req(("cpu", "2")).Obj());
        cluster.Simulation.RunUntil(SimTime.FromSeconds(10));

        var pod = kubectl.Get<Pod>(new("Pod", "default", "big"))!;
        Assert.That(pod.IsBound, Is.False);
        Assert.That(pod.Status.Reason, Is.EqualTo("Unschedulable"));
        Assert.That(pod.Status.Message, Is.EqualTo("0/2 nodes are available: 2 Insufficient cpu."));
        Assert.That(cluster.Scheduler.Queue.LocationOf(pod.Key), Is.EqualTo("unschedulable"));

        cluster.AddNode("large", Cpu(4000));
        cluster.Simulation.RunUntil(SimTime.FromSeconds(11));
        Assert.That(kubectl.Get<Pod>(pod.Key)!.Spec.NodeName, Is.EqualTo("large"));
    }

    [Test]
    public void Pods_for_another_scheduler_are_left_alone_and_each_profile_takes_its_own()
    {
        var cluster = NewCluster(TestPlugins.Minimal(), TestPlugins.Minimal("second"));
        cluster.AddNode("a", Cpu(4000));
        var kubectl = cluster.Client("kubectl");
        kubectl.Create(St.MakePod().Name("mine").SchedulerName("second").Req(("cpu", "100m")).Obj());
        kubectl.Create(St.MakePod().Name("theirs").SchedulerName("elsewhere").Req(("cpu", "100m")).Obj());
        cluster.Simulation.RunUntil(SimTime.FromSeconds(1));

        Assert.That(kubectl.Get<Pod>(new("Pod", "default", "mine"))!.IsBound, Is.True);
        Assert.That(kubectl.Get<Pod>(new("Pod", "default", "theirs"))!.IsBound, Is.False);
        Assert.That(cluster.Scheduler.PendingCount, Is.Zero);
    }

    [Test]
    public void A_freed_node_is_used_after_the_pod_there_is_deleted()
    {
        var cluster = NewCluster();
        cluster.AddNode("only", Cpu(2000));
        var kubectl = cluster.Client("kubectl");
        kubectl.Create(St.MakePod().Name("first").Req(("cpu", "2")).Obj());
        cluster.Simulation.RunUntil(SimTime.FromSeconds(5));
        kubectl.Create(St.MakePod().Name("second").Req(("cpu", "2")).Obj());
        cluster.Simulation.RunUntil(SimTime.FromSeconds(10));
        Assert.That(kubectl.Get<Pod>(new("Pod", "default", "second"))!.IsBound, Is.False);

        kubectl.Delete(new("Pod", "default", "first"));
        cluster.Simulation.RunUntil(SimTime.FromSeconds(60));

        Assert.That(kubectl.Get<Pod>(new("Pod", "default", "second"))!.Spec.NodeName, Is.EqualTo("only"));
    }

    [Test]
    public void The_binding_writes_the_assumed_pods_spec()
    {
        var cluster = NewCluster();
        cluster.AddNode("a", Cpu(4000));
        var key = new ObjectKey(Pod.KindName, "default", "p");
        PodSpec? assumed = null;
        PodSpec? written = null;
        cluster.Api.Observe(write =>
        {
            if (write.After is Pod { IsBound: true } pod && write.Before is Pod { IsBound: false } && pod.Key == key)
            {
                assumed = cluster.Scheduler.Snapshot.GetPod(key)!.Pod.Spec; // the watch has not delivered the bound pod yet
                written = pod.Spec;
            }
        });
        cluster.Client("kubectl").Create(St.MakePod().Name("p").Req(("cpu", "1")).Obj());

        cluster.Simulation.RunUntil(SimTime.FromSeconds(1));

        Assert.That(written, Is.Not.Null);
        Assert.That(written!.NodeName, Is.EqualTo("a"));
        Assert.That(written, Is.SameAs(assumed), "the assumed spec is written as it is, not copied");
        var cached = cluster.Scheduler.Snapshot.GetPod(key)!;
        Assert.Multiple(() =>
        {
            Assert.That(cached.Pod, Is.SameAs(cluster.Api.Get<Pod>(key)), "the cache holds the bound pod the watch delivered");
            Assert.That(cached.IsAssumed, Is.False);
            Assert.That(cluster.Scheduler.AssumedCount, Is.Zero, "the bound pod's event confirmed the assumed one, though it carries the same spec");
        });
    }

    [Test]
    public void A_spec_changed_after_the_pod_was_assumed_is_bound_as_changed()
    {
        var registry = TestPlugins.Registry().Register(AddTolerationAtPreBind.PluginName, (_, handle) => new AddTolerationAtPreBind(handle));
        var profile = TestPlugins.Profile("default-scheduler", new("PrioritySort"), new(TestPlugins.CpuFit.PluginName), new(AddTolerationAtPreBind.PluginName), new("DefaultBinder"));
        var cluster = new SimulatedCluster(seed: 1, scheduler: new SchedulerConfiguration { Profiles = [profile] }, plugins: registry);
        cluster.AddNode("a", Cpu(4000));
        cluster.Client("kubectl").Create(St.MakePod().Name("p").Req(("cpu", "1")).Obj());

        cluster.Simulation.RunUntil(SimTime.FromSeconds(1));

        var pod = cluster.Api.Get<Pod>(new ObjectKey(Pod.KindName, "default", "p"))!;
        Assert.That(pod.Spec.NodeName, Is.EqualTo("a"));
        Assert.That(pod.Spec.Tolerations.Select(t => t.Key), Does.Contain(AddTolerationAtPreBind.Key), "the binding keeps what was written after the pod was assumed");
    }

    /// <summary>Updates the pod's spec (adds a toleration) just before it is bound.</summary>
    private sealed class AddTolerationAtPreBind(IFrameworkHandle handle) : IPreBindPlugin
    {
        public const string PluginName = "AddTolerationAtPreBind";
        public const string Key = "example.com/added-before-bind";

        public string Name => PluginName;

        public Status PreBind(CycleState state, PodInfo pod, string nodeName)
        {
            var client = handle.Client!;
            var current = client.Get<Pod>(pod.Pod.Key)!;
            var updated = current with { Spec = current.Spec with { Tolerations = current.Spec.Tolerations.Add(new Toleration(Key)) } };
            return client.Update(updated).IsOk ? Status.Success : Status.Error("update failed");
        }
    }

    [Test]
    public void Same_seed_same_bindings()
    {
        static string Run()
        {
            var cluster = NewCluster(TestPlugins.Profile("default-scheduler", new("PrioritySort"), new(TestPlugins.FlatScore.PluginName), new("DefaultBinder")));
            for (var i = 0; i < 20; i++)
            {
                cluster.AddNode($"n{i:D2}", Cpu(4000));
            }

            var kubectl = cluster.Client("kubectl");
            for (var i = 0; i < 50; i++)
            {
                kubectl.Create(St.MakePod().Name($"p{i:D2}").Req(("cpu", "100m")).Obj());
            }

            cluster.Simulation.RunUntil(SimTime.FromSeconds(5));
            return string.Join(",", kubectl.List(Pod.KindName).Cast<Pod>().Select(p => p.Spec.NodeName));
        }

        var first = Run();
        Assert.That(first.Split(',').Distinct().Count(), Is.GreaterThan(10), "ties are spread over the nodes");
        Assert.That(Run(), Is.EqualTo(first));
    }

    [Test]
    public void The_schedulers_own_status_write_does_not_requeue_the_pod()
    {
        var registry = TestPlugins.Registry().Register(RejectAll.PluginName, (_, _) => new RejectAll());
        var cluster = new SimulatedCluster(
            seed: 1,
            scheduler: new SchedulerConfiguration { Profiles = [TestPlugins.Profile("default-scheduler", new("PrioritySort"), new(RejectAll.PluginName), new("DefaultBinder"))] },
            plugins: registry);
        cluster.AddNode("a", Cpu(4000));
        cluster.Client("kubectl").Create(St.MakePod().Name("p").Req(("cpu", "1")).Obj());

        cluster.Simulation.RunUntil(SimTime.FromSeconds(60));

        Assert.That(cluster.Scheduler.Attempts, Is.EqualTo(1), "the Unschedulable status the scheduler wrote came back as a pod update that changed nothing it could use");
        Assert.That(cluster.Scheduler.Queue.LocationOf(new("Pod", "default", "p")), Is.EqualTo("unschedulable"));
    }

    [Test]
    public void The_cache_follows_a_bound_pods_status_without_counting_it_twice()
    {
        var cluster = NewCluster();
        cluster.AddNode("a", Cpu(4000));
        cluster.Client("kubectl").Create(St.MakePod().Name("p").Req(("cpu", "1")).Obj());

        cluster.Simulation.RunUntil(SimTime.FromSeconds(30));

        var node = cluster.Scheduler.Snapshot.Get("a")!;
        var cached = cluster.Scheduler.Snapshot.GetPod(new("Pod", "default", "p"))!;
        Assert.That(cached.Pod.Status.Phase, Is.EqualTo(PodPhase.Running), "the kubelet's status writes reach the cache");
        Assert.That(cached.Pod, Is.SameAs(cluster.Api.Get<Pod>(new("Pod", "default", "p"))));
        Assert.That(node.Pods, Has.Count.EqualTo(1));
        Assert.That(node.Requested.MilliCpu, Is.EqualTo(1000));
    }
}
