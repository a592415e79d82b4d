using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Cluster.Tests.Scenarios;

/// <summary>
/// A kubelet cut off from the control plane (<see cref="Nodes.Kubelet.Partition"/>): its pods keep
/// running, the control plane sees a node that stopped reporting, and healing reconciles the two.
/// The cluster is <see cref="WorkloadLifeTests.BuildCluster"/>'s: 3 replicas of web, all on node-a.
/// </summary>
public class NodePartitionTests
{
    private static readonly ObjectKey NodeA = new(Node.KindName, string.Empty, "node-a");
    private static readonly ObjectKey Web = new(Service.KindName, "default", "web");
    private static readonly ObjectKey WebEndpoints = new(Endpoints.KindName, "default", "web");

    [Test]
    public void A_partitioned_node_keeps_running_its_pods_while_the_control_plane_marks_it_unreachable_and_replaces_them()
    {
        var cluster = WorkloadLifeTests.BuildCluster();
        var simulation = cluster.Simulation;
        var kubelet = cluster.Kubelets["node-a"];
        simulation.ScheduleAt(SimTime.FromSeconds(25), kubelet.Partition);

        simulation.RunUntil(SimTime.FromSeconds(76));
        var detected = cluster.Api.Get<Node>(NodeA)!;
        var proxyA = cluster.Proxies["node-a"].Backends(Web).Length;
        var proxyB = cluster.Proxies["node-b"].Backends(Web).Length;

        simulation.RunUntil(SimTime.FromSeconds(390));
        var replacements = cluster.Api.List(Pod.KindName).Cast<Pod>().Where(p => p.IsActive).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(kubelet.IsPartitioned, Is.True);
            Assert.That(kubelet.IsDown, Is.False);
            Assert.That(detected.Status.Ready, Is.EqualTo(NodeConditionStatus.Unknown), "the lease stopped at 20 s: unreachable at 75 s");
            Assert.That(detected.Status.ReadyTransitionAt, Is.EqualTo(SimTime.FromSeconds(75)));
            Assert.That(cluster.Api.Get<Endpoints>(WebEndpoints)!.Addresses, Has.Length.EqualTo(3), "the replacements on node-b");
            Assert.That(proxyA, Is.EqualTo(3), "node-a's kube-proxy keeps its stale view");
            Assert.That(proxyB, Is.Zero);
            Assert.That(replacements.Select(p => p.Spec.NodeName), Is.All.EqualTo("node-b"));
            Assert.That(new[] { "web-1", "web-2", "web-3" }.All(kubelet.Runs), Is.True, "the evicted pods still run on node-a");
        });
    }

    [Test]
    public void Healing_after_the_eviction_terminates_the_old_pods_and_makes_the_node_ready_again()
    {
        var cluster = WorkloadLifeTests.BuildCluster();
        var simulation = cluster.Simulation;
        var kubelet = cluster.Kubelets["node-a"];
        simulation.ScheduleAt(SimTime.FromSeconds(25), kubelet.Partition);
        simulation.ScheduleAt(SimTime.FromSeconds(400), kubelet.Heal);

        simulation.RunUntil(SimTime.FromSeconds(420));

        var pods = cluster.Api.List(Pod.KindName).Cast<Pod>().ToList();
        var removals = cluster.Log.Events.Where(e => e.Component == "kubelet/node-a" && e.Change == "containers stopped; removed").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(cluster.Api.Get<Node>(NodeA)!.Status.Ready, Is.EqualTo(NodeConditionStatus.True));
            Assert.That(cluster.Api.Get<Node>(NodeA)!.Spec.Taints, Is.Empty);
            Assert.That(pods, Has.Count.EqualTo(3));
            Assert.That(pods.All(p => p.Spec.NodeName == "node-b" && p.Status.IsReady), Is.True);
            Assert.That(removals.Select(e => e.Time), Is.All.EqualTo(SimTime.FromSeconds(401)), "terminated gracefully (1 s) once the kubelet saw the deletions");
            Assert.That(cluster.Proxies["node-a"].Backends(Web).Select(a => a.NodeName), Is.All.EqualTo("node-b"), "the proxy re-listed");
        });
    }

    [Test]
    public void Healing_within_the_toleration_reports_the_running_pods_ready_again_without_restarting_them()
    {
        var cluster = WorkloadLifeTests.BuildCluster();
        var simulation = cluster.Simulation;
        var kubelet = cluster.Kubelets["node-a"];
        simulation.ScheduleAt(SimTime.FromSeconds(25), kubelet.Partition);
        simulation.ScheduleAt(SimTime.FromSeconds(200), kubelet.Heal);

        simulation.RunUntil(SimTime.FromSeconds(199));
        var notReady = cluster.Api.List(Pod.KindName).Cast<Pod>().Count(p => !p.Status.IsReady);
        simulation.RunUntil(SimTime.FromSeconds(210));
        var pods = cluster.Api.List(Pod.KindName).Cast<Pod>().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(notReady, Is.EqualTo(3));
            Assert.That(cluster.NodeLifecycleController.Evictions, Is.Zero);
            Assert.That(pods.Select(p => (p.Spec.NodeName, p.Status.IsReady, p.Status.Restarts)), Is.All.EqualTo(("node-a", true, 0)));
            Assert.That(pods.Select(p => p.Status.ReadySince), Is.All.EqualTo(SimTime.FromSeconds(200)));
            Assert.That(cluster.Api.Get<Endpoints>(WebEndpoints)!.Addresses, Has.Length.EqualTo(3));
        });
    }

    [Test]
    public void Status_writes_made_during_the_partition_reach_the_api_server_when_it_heals()
    {
        var cluster = WorkloadLifeTests.BuildCluster();
        var simulation = cluster.Simulation;
        var kubelet = cluster.Kubelets["node-a"];
        var web1 = new ObjectKey(Pod.KindName, "default", "web-1");
        simulation.ScheduleAt(SimTime.FromSeconds(25), kubelet.Partition);
        simulation.ScheduleAt(SimTime.FromSeconds(30), () => kubelet.CrashContainer("web-1"));
        simulation.ScheduleAt(SimTime.FromSeconds(40), kubelet.Heal);

        simulation.RunUntil(SimTime.FromSeconds(39));
        var during = cluster.Api.Get<Pod>(web1)!;
        simulation.RunUntil(SimTime.FromSeconds(40));
        var healed = cluster.Api.Get<Pod>(web1)!;
        simulation.RunUntil(SimTime.FromSeconds(60));
        var later = cluster.Api.Get<Pod>(web1)!;

        Assert.Multiple(() =>
        {
            Assert.That((during.Status.Restarts, during.Status.IsReady), Is.EqualTo((0, true)), "the API server has not heard of the crash");
            Assert.That((healed.Status.Restarts, healed.Status.Reason), Is.EqualTo((1, "CrashLoopBackOff")));
            Assert.That(later.Status.IsReady, Is.True, "restarted after the 10 s back-off, ready since 41.3 s");
            Assert.That(kubelet.ReportNotReady(), Is.True);
        });
    }

    [Test]
    public void A_partitioned_kubelet_refuses_to_report_its_node_condition()
    {
        var cluster = WorkloadLifeTests.BuildCluster();
        var kubelet = cluster.Kubelets["node-a"];
        kubelet.Partition();

        Assert.Multiple(() =>
        {
            Assert.That(kubelet.ReportNotReady(), Is.False);
            Assert.That(kubelet.ReportReady(), Is.False);
        });
    }

    [Test]
    public void Observers_see_every_change_of_a_kubelet_and_of_a_proxy_view()
    {
        var cluster = WorkloadLifeTests.BuildCluster();
        var kubeletChanges = new List<string>();
        var proxyChanges = new List<string>();
        cluster.ObserveKubelets(k => kubeletChanges.Add($"{cluster.Simulation.Now} {k.NodeName} down={k.IsDown} partitioned={k.IsPartitioned}"));
        cluster.ObserveProxies((p, key) => proxyChanges.Add($"{p.NodeName} {key.Name} {p.Backends(Web).Length}"));
        var kubelet = cluster.Kubelets["node-b"];
        var simulation = cluster.Simulation;
        simulation.ScheduleAt(SimTime.FromSeconds(10), kubelet.Partition);
        simulation.ScheduleAt(SimTime.FromSeconds(11), kubelet.Fail);
        simulation.ScheduleAt(SimTime.FromSeconds(12), kubelet.Recover);
        simulation.ScheduleAt(SimTime.FromSeconds(13), kubelet.Heal);
        simulation.ScheduleAt(SimTime.FromSeconds(14), kubelet.Heal);

        simulation.RunUntil(SimTime.FromSeconds(20));

        Assert.Multiple(() =>
        {
            Assert.That(kubeletChanges, Is.EqualTo(new[]
            {
                "10.0000000s node-b down=False partitioned=True",
                "11.0000000s node-b down=True partitioned=True",
                "12.0000000s node-b down=False partitioned=True",
                "13.0000000s node-b down=False partitioned=False",
            }));
            Assert.That(proxyChanges, Is.EqualTo(new[] { "node-a web 0", "node-b web 0", "node-a web 3", "node-b web 3" }), "0 and 3 ready addresses; nothing new at the re-list");
        });
    }
}
