using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;

namespace Sim.Cluster.Tests.Scenarios;

/// <summary>
/// The life of a workload (ARCHITECTURE.md §1, steps 1–5) for one ReplicationController with three
/// replicas and one Service, checked event by event against the default timings.
/// </summary>
public class WorkloadLifeTests
{
    [Test]
    public void A_replication_controller_and_a_service_come_up_step_by_step()
    {
        var cluster = BuildCluster(defaultScheduler: true);

        cluster.Simulation.RunUntil(SimTime.FromSeconds(10));

        // Default timings: watch latency 10 ms, API round trip 5 ms, sandbox 500 ms, image pull
        // 200 ms + 100 MB at 100 MB/s (serialized, so web-2 and web-3 wait for web-1's pull),
        // container start 300 ms, readiness 1 s.
        // Node heartbeats (lease writes every 10 s) and the API server's built-in priority classes
        // are left out of this listing.
        var log = cluster.Log.Events.Where(e => e.Target.Kind is not (Lease.KindName or PriorityClass.KindName)).Select(e => $"{e.Time} {e.Component} {e.Target} {e.Change}").ToList();
        TestContext.Out.WriteLine(string.Join("\n", log));
        Assert.That(log, Is.EqualTo(new[]
        {
            "0.0000000s kubelet/node-a Node/node-a registered",
            "0.0000000s kubelet/node-b Node/node-b registered",
            // 1. kubectl creates the ReplicationController (and the Service).
            "0.0000000s kubectl ReplicationController/default/web created",
            "0.0000000s kubectl Service/default/web created",
            // 2. The replication controller sees it and creates pods in slow-start batches: 1, then 2.
            "0.0100000s replication-controller Pod/default/web-1 created",
            "0.0100000s endpoints-controller Endpoints/default/web 0 ready address(es)",
            "0.0150000s replication-controller Pod/default/web-2 created",
            "0.0150000s replication-controller Pod/default/web-3 created",
            // 3. The scheduler (the default profile) places each pod and binds it one API round trip later.
            // web-1 goes to either empty node (a tie, broken by the seeded stream); web-2 then prefers the
            // other node (topology spread by hostname, least allocated); web-3 ties again.
            // (the controller's cache has seen only its first pod so far)
            "0.0200000s replication-controller ReplicationController/default/web status: 1 replicas, 0 ready",
            "0.0250000s default-scheduler Pod/default/web-1 bound to node-b",
            "0.0250000s replication-controller ReplicationController/default/web status: 3 replicas, 0 ready",
            "0.0300000s default-scheduler Pod/default/web-2 bound to node-a",
            "0.0300000s default-scheduler Pod/default/web-3 bound to node-a",
            // 4. The kubelets accept them, start sandboxes, pull the image, start containers; readiness follows.
            "0.0350000s kubelet/node-b Pod/default/web-1 accepted by kubelet",
            "0.0400000s kubelet/node-a Pod/default/web-2 accepted by kubelet",
            "0.0400000s kubelet/node-a Pod/default/web-3 accepted by kubelet",
            "2.0350000s kubelet/node-b Pod/default/web-1 Running",
            "2.0400000s kubelet/node-a Pod/default/web-2 Running",
            "2.0400000s kubelet/node-a Pod/default/web-3 Running",
            "3.0350000s kubelet/node-b Pod/default/web-1 Ready",
            "3.0400000s kubelet/node-a Pod/default/web-2 Ready",
            "3.0400000s kubelet/node-a Pod/default/web-3 Ready",
            // 5. The endpoints controller puts the ready pods behind the Service.
            "3.0450000s replication-controller ReplicationController/default/web status: 3 replicas, 1 ready",
            "3.0450000s endpoints-controller Endpoints/default/web 1 ready address(es)",
            "3.0500000s replication-controller ReplicationController/default/web status: 3 replicas, 3 ready",
            "3.0500000s endpoints-controller Endpoints/default/web 3 ready address(es)",
        }));
    }

    [Test]
    public void The_event_log_is_identical_for_identical_seeds()
    {
        string Run()
        {
            var cluster = BuildCluster(new ClusterTimings { WatchLatency = Delay.Exponential(TimeSpan.FromMilliseconds(20)) });
            cluster.Simulation.RunUntil(SimTime.FromSeconds(10));
            var writer = new StringWriter();
            cluster.Log.WriteJsonLines(writer);
            return writer.ToString();
        }

        var first = Run();
        var second = Run();

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(first, Does.StartWith("{\"time_s\":\"0.0000000\",\"component\":\"apiserver\",\"kind\":\"PriorityClass\",\"namespace\":\"\",\"name\":\"system-cluster-critical\",\"change\":\"built-in\",\"rv\":1}\n"));
        });
    }

    [Test]
    public void Invariants_hold_after_every_event_while_scaling_up_and_down()
    {
        var cluster = BuildCluster();
        var checker = new InvariantChecker(cluster.Api);
        cluster.Simulation.ScheduleAt(SimTime.FromSeconds(5), () => Scale(cluster, 12));
        cluster.Simulation.ScheduleAt(SimTime.FromSeconds(20), () => Scale(cluster, 2));

        while (cluster.Simulation.Now < SimTime.FromSeconds(40) && cluster.Simulation.RunEvents(1) != StopReason.Idle)
        {
            checker.Check();
        }

        var pods = cluster.Api.List(Pod.KindName).Cast<Pod>().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(checker.Checks, Is.GreaterThan(100));
            Assert.That(pods.Count(p => p.IsActive), Is.EqualTo(2));
            Assert.That(pods.Count(p => p.Status.IsReady), Is.EqualTo(2));
            Assert.That(cluster.Api.Get<Endpoints>(new ObjectKey(Endpoints.KindName, "default", "web"))!.Addresses, Has.Length.EqualTo(2));
        });
    }

    private static void Scale(SimulatedCluster cluster, int replicas)
    {
        var rc = cluster.Api.Get<ReplicationController>(new ObjectKey(ReplicationController.KindName, "default", "web"))!;
        cluster.Client("kubectl").Update(rc with { Spec = rc.Spec with { Replicas = replicas } }, $"scaled to {replicas}");
    }

    /// <summary>
    /// Two nodes, a 3-replica ReplicationController and its Service. Unless <paramref name="defaultScheduler"/>,
    /// the scheduler runs a first-fit profile (the default filters, the first node by name), so that the
    /// failure scenarios built on this cluster know where the pods are: on node-a.
    /// </summary>
    internal static SimulatedCluster BuildCluster(ClusterTimings? timings = null, Nodes.KubeProxyMode proxyMode = Nodes.KubeProxyMode.Random, bool defaultScheduler = false)
    {
        var cluster = defaultScheduler
            ? new SimulatedCluster(seed: 1, timings) { ProxyMode = proxyMode }
            : new SimulatedCluster(seed: 1, timings, scheduler: Scheduling.FirstFitByName.Configuration(), plugins: Scheduling.FirstFitByName.Registry()) { ProxyMode = proxyMode };
        foreach (var name in new[] { "node-a", "node-b" })
        {
            cluster.AddNode(name, ResourceList.Builder().Cpu(2000).Memory(4L << 30).Pods(110).Build());
        }

        var labels = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("app", "web");
        var container = new Container("web", ResourceList.Builder().Cpu(500).Memory(256L << 20).Build(), Image: "nginx:1.27");
        var kubectl = cluster.Client("kubectl");
        kubectl.Create(new ReplicationController
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new ReplicationControllerSpec
            {
                Replicas = 3,
                Selector = labels,
                Template = new PodTemplate { Labels = labels, Spec = new PodSpec { Containers = [container] } },
            },
        });
        kubectl.Create(new Service
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Selector = labels,
            Ports = [new ServicePort(80, 8080)],
        });
        return cluster;
    }
}
