using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;

namespace Sim.Cluster.Tests.Scenarios;

/// <summary>
/// Containers that run for a while and exit with code 0 (<see cref="Container.RunFor"/>): the pod
/// finishes or its containers restart as its restart policy says, as the kubelet does.
/// </summary>
public class RunToCompletionTests
{
    [Test]
    public void A_pod_that_never_restarts_succeeds_when_its_container_exits_and_frees_its_node_but_stays_in_the_api()
    {
        var cluster = OneNode(cpu: 2000);
        var kubelet = cluster.Kubelets["node-a"];
        Create(cluster, NewPod("task", RestartPolicy.Never, cpu: 500, TimeSpan.FromSeconds(30)));
        cluster.Simulation.RunUntil(SimTime.FromSeconds(10));
        var whileRunning = (Get(cluster, "task").Status, kubelet.Admitted.MilliCpu, kubelet.RunningPods);
        cluster.Simulation.RunUntil(SimTime.FromSeconds(60));
        var pod = Get(cluster, "task");
        var running = WriteTime(cluster, "task", "Running");

        Assert.Multiple(() =>
        {
            Assert.That(whileRunning.Status.Phase, Is.EqualTo(PodPhase.Running));
            Assert.That(whileRunning.Status.IsReady, Is.True);
            Assert.That(whileRunning.MilliCpu, Is.EqualTo(500));
            Assert.That(whileRunning.RunningPods, Is.EqualTo(1));
            Assert.That(pod.Status.Phase, Is.EqualTo(PodPhase.Succeeded));
            Assert.That(pod.Status.IsReady, Is.False, "condition Ready is false once the containers completed");
            Assert.That(pod.Status.Reason, Is.EqualTo("Completed"));
            Assert.That(pod.Status.FinishedAt, Is.EqualTo(running + TimeSpan.FromSeconds(30)), "30 s after the container started");
            Assert.That(pod.Status.Restarts, Is.Zero);
            Assert.That(kubelet.Admitted.MilliCpu, Is.Zero, "the kubelet released what it admitted");
            Assert.That(kubelet.RunningPods, Is.Zero);
            Assert.That(pod.IsActive, Is.False);
        });
    }

    [Test]
    public void A_pod_whose_containers_exit_at_different_times_is_not_ready_after_the_first_and_succeeds_after_the_last()
    {
        var cluster = OneNode(cpu: 2000);
        var pod = NewPod("pair", RestartPolicy.OnFailure, cpu: 100, TimeSpan.FromSeconds(10));
        pod = pod with { Spec = pod.Spec with { Containers = [.. pod.Spec.Containers, new Container("second", Cpu(100)) { RunFor = TimeSpan.FromSeconds(20) }] } };
        Create(cluster, pod);
        cluster.Simulation.RunUntil(SimTime.FromSeconds(15));
        var between = Get(cluster, "pair").Status;
        cluster.Simulation.RunUntil(SimTime.FromSeconds(30));
        var running = WriteTime(cluster, "pair", "Running");

        Assert.Multiple(() =>
        {
            Assert.That(between.Phase, Is.EqualTo(PodPhase.Running));
            Assert.That(between.IsReady, Is.False);
            Assert.That(Get(cluster, "pair").Status.Phase, Is.EqualTo(PodPhase.Succeeded));
            Assert.That(Get(cluster, "pair").Status.FinishedAt, Is.EqualTo(running + TimeSpan.FromSeconds(20)));
        });
    }

    [Test]
    public void Under_restart_policy_always_an_exited_container_restarts_with_the_crash_loop_back_off()
    {
        var cluster = OneNode(cpu: 2000);
        Create(cluster, NewPod("loop", RestartPolicy.Always, cpu: 100, TimeSpan.FromSeconds(30)));
        cluster.Simulation.RunUntil(SimTime.FromSeconds(120));

        // Runs 30 s, exits, back-off 10 s, start 0.3 s; runs 30 s, exits, back-off 20 s, start 0.3 s; ...
        var running = cluster.Log.Events.Where(e => e.Target.Name == "loop" && e.Change == "Running").Select(e => e.Time).ToList();
        var exits = cluster.Log.Events.Where(e => e.Target.Name == "loop" && e.Change.StartsWith("container main exited (0)", StringComparison.Ordinal)).Select(e => e.Change).ToList();
        var pod = Get(cluster, "loop");
        Assert.Multiple(() =>
        {
            Assert.That(running.Zip(running.Skip(1), (a, b) => (b - a).TotalSeconds), Is.EqualTo(new[] { 40.3, 50.3 }));
            Assert.That(exits, Is.EqualTo(new[] { "container main exited (0); back-off 10s", "container main exited (0); back-off 20s" }));
            Assert.That(pod.Status.Phase, Is.EqualTo(PodPhase.Running));
            Assert.That(pod.Status.Restarts, Is.EqualTo(2));
        });
    }

    [Test]
    public void Under_restart_policy_never_a_crash_fails_the_pod_and_frees_its_node()
    {
        var cluster = OneNode(cpu: 2000);
        Create(cluster, NewPod("fragile", RestartPolicy.Never, cpu: 500, TimeSpan.FromSeconds(30)));
        cluster.Simulation.RunUntil(SimTime.FromSeconds(5));
        var delay = cluster.Kubelets["node-a"].CrashContainer("fragile");
        cluster.Simulation.RunUntil(SimTime.FromSeconds(60));
        var pod = Get(cluster, "fragile");

        Assert.Multiple(() =>
        {
            Assert.That(delay, Is.Null, "no restart");
            Assert.That(pod.Status.Phase, Is.EqualTo(PodPhase.Failed));
            Assert.That(pod.Status.Reason, Is.EqualTo("Error"));
            Assert.That(pod.Status.FinishedAt, Is.EqualTo(SimTime.FromSeconds(5)));
            Assert.That(cluster.Kubelets["node-a"].Admitted.MilliCpu, Is.Zero);
        });
    }

    [Test]
    public void Under_restart_policy_on_failure_a_crashed_container_restarts_and_its_run_starts_over()
    {
        var cluster = OneNode(cpu: 2000);
        Create(cluster, NewPod("retry", RestartPolicy.OnFailure, cpu: 500, TimeSpan.FromSeconds(30)));
        cluster.Simulation.RunUntil(SimTime.FromSeconds(20));
        var delay = cluster.Kubelets["node-a"].CrashContainer("retry");
        cluster.Simulation.RunUntil(SimTime.FromSeconds(120));
        var pod = Get(cluster, "retry");
        var lastRunning = cluster.Log.Events.Last(e => e.Target.Name == "retry" && e.Change == "Running").Time;

        Assert.Multiple(() =>
        {
            Assert.That(delay, Is.EqualTo(TimeSpan.FromSeconds(10)));
            Assert.That(lastRunning, Is.EqualTo(SimTime.FromSeconds(20) + TimeSpan.FromSeconds(10.3)));
            Assert.That(pod.Status.Phase, Is.EqualTo(PodPhase.Succeeded));
            Assert.That(pod.Status.FinishedAt, Is.EqualTo(lastRunning + TimeSpan.FromSeconds(30)), "the run restarted with the container");
            Assert.That(pod.Status.Restarts, Is.EqualTo(1));
        });
    }

    [Test]
    public void A_pod_that_succeeded_frees_its_node_for_a_pending_pod()
    {
        // Room for one 1500m pod: the second waits, unschedulable, until the first succeeds.
        var cluster = OneNode(cpu: 2000);
        var checker = new InvariantChecker(cluster.Api);
        Create(cluster, NewPod("first", RestartPolicy.Never, cpu: 1500, TimeSpan.FromSeconds(30)));
        cluster.Simulation.RunUntil(SimTime.FromSeconds(1));
        Create(cluster, NewPod("second", RestartPolicy.Never, cpu: 1500, TimeSpan.FromSeconds(30)));

        while (cluster.Simulation.Now < SimTime.FromSeconds(90) && cluster.Simulation.RunEvents(1) != StopReason.Idle)
        {
            checker.Check();
        }

        var firstDone = Get(cluster, "first").Status.FinishedAt!.Value;
        var secondBound = WriteTime(cluster, "second", "bound to node-a");
        Assert.Multiple(() =>
        {
            Assert.That(secondBound, Is.GreaterThan(firstDone));
            Assert.That(secondBound - firstDone, Is.LessThan(TimeSpan.FromSeconds(11)), "requeued by the finished pod's event, within the unschedulable back-off");
            Assert.That(Get(cluster, "second").Status.Phase, Is.EqualTo(PodPhase.Succeeded));
        });
    }

    [Test]
    public void A_deletion_request_for_a_finished_pod_removes_it_at_once()
    {
        var cluster = OneNode(cpu: 2000);
        Create(cluster, NewPod("done", RestartPolicy.Never, cpu: 100, TimeSpan.FromSeconds(1)));
        cluster.Simulation.RunUntil(SimTime.FromSeconds(10));
        var kubectl = cluster.Client("kubectl");
        var pod = Get(cluster, "done");
        kubectl.Update(pod with { DeletionRequestedAt = cluster.Simulation.Now }, "deletion requested");
        cluster.Simulation.RunFor(TimeSpan.FromMilliseconds(100));

        Assert.Multiple(() =>
        {
            Assert.That(cluster.Api.Get<Pod>(pod.Key), Is.Null);
            Assert.That(cluster.Log.Events.Last(e => e.Target == pod.Key).Change, Is.EqualTo("removed (finished pod)"));
        });
    }

    [Test]
    public void A_negative_run_time_is_invalid()
    {
        var cluster = OneNode(cpu: 2000);
        var result = cluster.Client("kubectl").Create(NewPod("bad", RestartPolicy.Never, cpu: 100, TimeSpan.FromSeconds(-1)));

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ApiStatus.Invalid));
            Assert.That(result.Message, Does.Contain("spec.containers[0].runFor: Invalid value"));
        });
    }

    internal static SimulatedCluster OneNode(long cpu)
    {
        var cluster = new SimulatedCluster(seed: 1);
        cluster.AddNode("node-a", ResourceList.Builder().Cpu(cpu).Memory(8L << 30).Pods(110).Build());
        return cluster;
    }

    private static ResourceList Cpu(long milli) => ResourceList.Builder().Cpu(milli).Build();

    private static Pod NewPod(string name, RestartPolicy restartPolicy, long cpu, TimeSpan runFor) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new PodSpec { RestartPolicy = restartPolicy, Containers = [new Container("main", Cpu(cpu)) { RunFor = runFor }] },
    };

    private static void Create(SimulatedCluster cluster, Pod pod) => Assert.That(cluster.Client("kubectl").Create(pod).IsOk, Is.True);

    private static Pod Get(SimulatedCluster cluster, string name) => cluster.Api.Get<Pod>(new ObjectKey(Pod.KindName, "default", name))!;

    private static SimTime WriteTime(SimulatedCluster cluster, string name, string change) =>
        cluster.Log.Events.First(e => e.Target.Name == name && e.Change == change).Time;
}
