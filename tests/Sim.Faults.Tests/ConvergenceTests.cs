using Sim.Cluster.Objects;
using Sim.Engine;
using Sim.Workloads;

namespace Sim.Faults.Tests;

/// <summary>
/// After every kind of fault stops, the cluster converges (<see cref="ClusterConvergence"/>): the
/// Deployments are back at their desired count of ready pods (capacity allows: 9 nodes of 4 CPUs for
/// 12 pods of 100m), and no pod is left Terminating, pending or bound to a node that does not exist or
/// does not run it. Each case checks that its fault did disrupt the cluster, that its last action
/// came at least <see cref="Settle"/> before the check, and that it did what its kind does.
/// </summary>
public class ConvergenceTests
{
    /// <summary>The check comes at least this long after the fault's last action.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(20);

    private static readonly SimTime Check = SimTime.FromSeconds(90 * 60);

    private static readonly TestCaseData[] Cases =
    [
        Case("Node crashes with recovery (stochastic, stopped at 30 min)",
            [new NodeCrashFault { Name = "crashes", TimeToFailure = Distribution.Exponential(1200), TimeToRecover = Distribution.Exponential(420), Start = TimeSpan.FromMinutes(2), Stop = TimeSpan.FromMinutes(30) }],
            FaultAction.NodeDown, FaultAction.NodeUp),
        Case("Scheduled node failure of two nodes for 10 min",
            [new ScheduledNodeFault { Name = "two-down", Nodes = ["n0", "n1"], At = TimeSpan.FromMinutes(2), Duration = TimeSpan.FromMinutes(10) }],
            FaultAction.NodeDown, FaultAction.NodeUp),
        Case("Kubelet partition of two nodes for 10 min",
            [new KubeletPartitionFault { Name = "split", Nodes = ["n1", "n4"], At = TimeSpan.FromMinutes(2), Duration = TimeSpan.FromMinutes(10) }],
            FaultAction.Partitioned, FaultAction.Healed),
        Case("Zone outage of zone b for 15 min",
            [new ZoneOutageFault { Name = "zone-b", Zone = "b", At = TimeSpan.FromMinutes(2), Duration = TimeSpan.FromMinutes(15) }],
            FaultAction.NodeDown, FaultAction.NodeUp),
        Case("Pod crashes every 5 min per pod until 30 min",
            [new PodCrashFault { Name = "crashy", TimeBetweenCrashes = Distribution.Exponential(300), Start = TimeSpan.FromMinutes(2), Stop = TimeSpan.FromMinutes(30) }],
            FaultAction.ContainerCrashed),
        Case("Drain of two nodes, uncordoned after 10 min",
            [new DrainFault { Name = "maintenance", Nodes = ["n2", "n5"], At = TimeSpan.FromMinutes(2), Duration = TimeSpan.FromMinutes(10) }],
            FaultAction.Cordoned, FaultAction.Evicted, FaultAction.Uncordoned),
        Case("Rolling upgrade of every node",
            [new RollingUpgradeFault { Name = "upgrade", At = TimeSpan.FromMinutes(2), UpgradeTime = TimeSpan.FromSeconds(90) }],
            FaultAction.Cordoned, FaultAction.Evicted, FaultAction.NodeDown, FaultAction.NodeUp, FaultAction.Uncordoned),
        Case("API latency spike (30 s per watch event) with a node failing during it",
        [
            new ApiLatencySpikeFault { Name = "slow", At = TimeSpan.FromMinutes(2), Duration = TimeSpan.FromMinutes(15), Latency = TimeSpan.FromSeconds(30) },
            new ScheduledNodeFault { Name = "n3-down", Nodes = ["n3"], At = TimeSpan.FromMinutes(3), Duration = TimeSpan.FromMinutes(10) },
        ],
            FaultAction.WatchLatencyChanged, FaultAction.NodeDown, FaultAction.NodeUp),
        Case("Scheduler outage with a node failing during it",
        [
            new SchedulerOutageFault { Name = "no-scheduler", At = TimeSpan.FromMinutes(2), Duration = TimeSpan.FromMinutes(15) },
            new ScheduledNodeFault { Name = "n3-down", Nodes = ["n3"], At = TimeSpan.FromMinutes(3), Duration = TimeSpan.FromMinutes(20) },
        ],
            FaultAction.SchedulerStopped, FaultAction.SchedulerResumed, FaultAction.NodeDown, FaultAction.NodeUp),
        Case("Server-event replay: errors, a removal and a later add",
        [
            new ServerEventReplayFault
            {
                Name = "trace",
                RecoverAfter = TimeSpan.FromMinutes(10),
                Events =
                [
                    new MachineEvent(TimeSpan.FromSeconds(150), 11, MachineEventKind.HardError),
                    new MachineEvent(TimeSpan.FromSeconds(300), 12, MachineEventKind.SoftError),
                    new MachineEvent(TimeSpan.FromSeconds(200), 13, MachineEventKind.Remove),
                    new MachineEvent(TimeSpan.FromSeconds(1500), 13, MachineEventKind.Add),
                ],
            },
        ],
            FaultAction.NodeDown, FaultAction.NodeUp),
    ];

    [TestCaseSource(nameof(Cases))]
    public void The_cluster_converges_after_the_fault_stops(FaultSpec[] faults, FaultAction[] actions)
    {
        var cluster = TestClusters.WithWeb(nodes: 9, deployments: 4, replicas: 3, minAvailable: IntOrPercent.Absolute(2));
        var injector = new FaultInjector(cluster, faults);
        injector.Start();

        cluster.Simulation.RunUntil(SimTime.FromSeconds(60));
        var before = ClusterConvergence.Problems(cluster);

        // Sampled every 10 s while faults may act: some sample must show the cluster disrupted.
        var disrupted = 0;
        for (var t = SimTime.FromSeconds(70); t <= Check - Settle; t += TimeSpan.FromSeconds(10))
        {
            cluster.Simulation.RunUntil(t);
            disrupted += ClusterConvergence.Problems(cluster).Count > 0 ? 1 : 0;
        }

        cluster.Simulation.RunUntil(Check);

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.Empty, "converged before the fault");
            Assert.That(disrupted, Is.GreaterThan(0), "the fault disrupts the cluster");
            Assert.That(injector.Events.Select(e => e.Action).Distinct(), Is.SupersetOf(actions));
            Assert.That(injector.Events[^1].Time, Is.LessThanOrEqualTo(Check - Settle), "the fault stopped in time");
            Assert.That(ClusterConvergence.Problems(cluster), Is.Empty);
        });
    }

    [Test]
    public void A_node_that_never_recovers_leaves_only_itself_and_its_terminating_pods_unconverged()
    {
        // As in Kubernetes, pods evicted from a node that stays down stay Terminating (nothing confirms
        // their end until the Node object is deleted); their replacements run elsewhere.
        var cluster = TestClusters.WithWeb(nodes: 9, deployments: 4, replicas: 3, minAvailable: IntOrPercent.Absolute(2));
        new FaultInjector(cluster, [new ScheduledNodeFault { Name = "gone", Nodes = ["n0"], At = TimeSpan.FromMinutes(2) }]).Start();

        cluster.Simulation.RunUntil(Check);

        var problems = ClusterConvergence.Problems(cluster);
        var terminating = cluster.Api.List(Pod.KindName).Cast<Pod>().Where(p => p.DeletionRequestedAt is not null).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(terminating, Is.Not.Empty);
            Assert.That(terminating.Select(p => p.Spec.NodeName), Is.All.EqualTo("n0"));
            Assert.That(problems, Has.Some.EqualTo("n0's kubelet is down or partitioned"));
            Assert.That(problems.Where(p => !p.Contains("n0", StringComparison.Ordinal)), Is.Empty, "the Deployments, endpoints and other nodes converged");
            Assert.That(TestClusters.ActivePods(cluster).Count(p => p.Status.IsReady), Is.EqualTo(12));
        });
    }

    private static TestCaseData Case(string name, FaultSpec[] faults, params FaultAction[] actions) =>
        new TestCaseData(faults, actions).SetName(name);
}
