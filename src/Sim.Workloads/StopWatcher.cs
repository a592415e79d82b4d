using Sim.Cluster;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Workloads;

/// <summary>
/// Ends a run when its <see cref="StopCondition"/> holds. It observes the API server's writes (it never
/// writes, schedules or draws, so a run with a condition is, up to its end, the same run as one
/// without) and the driver's last arrivals; when a write makes the condition true it asks the
/// simulation to stop after the current event (<see cref="Simulation.Stop"/>), and
/// <see cref="RunUntil"/> ends the run there if the condition still holds once that event is over,
/// or runs on. So the run ends at the end of the first event after which the condition holds, at that
/// event's time, and the metrics, which measure up to the simulation's clock, end there too.
/// </summary>
/// <remarks>
/// For <see cref="StopWhen.WorkloadsDone"/> it keeps, from every write, the number of waiting pods
/// (active and not Running: unscheduled, or bound and starting), the Jobs without a Complete or Failed
/// condition, and the controllers whose Running pods differ from their replicas: a ReplicaSet or
/// ReplicationController counts the active Running pods it owns, a Deployment those of its
/// ReplicaSets. Every update is O(1).
/// </remarks>
public sealed class StopWatcher
{
    private readonly SimulatedCluster _cluster;
    private readonly WorkloadDriver _driver;
    private readonly Dictionary<long, Controller> _controllers = [];
    private bool _started;
    private long _waitingPods;
    private int _unsatisfied;
    private long _created;
    private long _scheduled;
    private long _succeeded;

    /// <summary>A watcher of <paramref name="condition"/> on <paramref name="cluster"/>, whose workloads <paramref name="driver"/> feeds.</summary>
    public StopWatcher(SimulatedCluster cluster, WorkloadDriver driver, StopCondition condition)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(condition);
        _cluster = cluster;
        _driver = driver;
        Condition = condition;
    }

    /// <summary>The condition.</summary>
    public StopCondition Condition { get; }

    /// <summary>Whether the condition holds now.</summary>
    public bool Holds => Condition.When switch
    {
        StopWhen.WorkloadsDone => _driver.ArrivalsOver && _waitingPods == 0 && _unsatisfied == 0,
        StopWhen.PodsCreated => _created >= Condition.Count,
        StopWhen.PodsScheduled => _scheduled >= Condition.Count,
        _ => _succeeded >= Condition.Count,
    };

    /// <summary>When the condition ended the run; null while it has not.</summary>
    public SimTime? StoppedAt { get; private set; }

    /// <summary>
    /// Starts watching at the current time: takes in the objects that exist and observes every later
    /// write. If the condition holds already, the next run call stops before its first event.
    /// </summary>
    /// <exception cref="InvalidOperationException">When already started.</exception>
    public void Start()
    {
        if (_started)
        {
            throw new InvalidOperationException("The stop watcher is already started.");
        }

        _started = true;
        var api = _cluster.Api;
        foreach (var kind in new[] { Deployment.KindName, ReplicaSet.KindName, ReplicationController.KindName, Job.KindName, Pod.KindName })
        {
            foreach (var obj in api.List(kind))
            {
                // What exists counts in its present state; its past creation, binding and success do not.
                Apply(null, obj, counting: false);
            }
        }

        api.Observe(write => OnChange(write.Before, write.After));
        _driver.OnArrivalsOver += CheckNow;
        CheckNow();
    }

    /// <summary>
    /// Runs the simulation until <paramref name="end"/>, or until the end of the first event after which
    /// the condition holds (<see cref="StoppedAt"/> is then its time); starts the watcher if need be.
    /// True when the condition ended the run. A stop that another component asks for is not honoured
    /// unless the condition holds.
    /// </summary>
    public bool RunUntil(SimTime end)
    {
        if (!_started)
        {
            Start();
        }

        var simulation = _cluster.Simulation;
        while (simulation.RunUntil(end) == StopReason.StopRequested)
        {
            if (Holds)
            {
                StoppedAt = simulation.Now;
                return true;
            }
        }

        return false;
    }

    private void OnChange(ApiObject? before, ApiObject? after)
    {
        if (Apply(before, after, counting: true))
        {
            CheckNow();
        }
    }

    private void CheckNow()
    {
        if (Holds)
        {
            _cluster.Simulation.Stop();
        }
    }

    /// <summary>Takes in one write; true when it may have changed the condition.</summary>
    private bool Apply(ApiObject? before, ApiObject? after, bool counting)
    {
        switch (after ?? before)
        {
            case Pod:
                if (counting)
                {
                    Count(before as Pod, after as Pod);
                }

                OnPod(before as Pod, after as Pod);
                return true;
            case ReplicaSet or ReplicationController or Deployment or Job:
                OnController(before, after);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The pod counters, as the metrics count them.</summary>
    private void Count(Pod? before, Pod? after)
    {
        if (before is null && after is not null)
        {
            _created++;
        }

        if (before is { IsBound: false } && after is { IsBound: true })
        {
            _scheduled++;
        }

        if (after is { Status.Phase: PodPhase.Succeeded } && before?.Status.Phase != PodPhase.Succeeded)
        {
            _succeeded++;
        }
    }

    private void OnPod(Pod? before, Pod? after)
    {
        var (waitingBefore, runningBefore) = State(before);
        var (waitingAfter, runningAfter) = State(after);
        _waitingPods += waitingAfter - waitingBefore;
        if (runningAfter != runningBefore && (after ?? before)!.Owner is { } owner && _controllers.TryGetValue(owner.Uid, out var controller))
        {
            AddRunning(controller, runningAfter - runningBefore);
        }
    }

    private static (int Waiting, int Running) State(Pod? pod) =>
        pod is { IsActive: true } ? (pod.Status.Phase == PodPhase.Running ? (0, 1) : (1, 0)) : (0, 0);

    private void OnController(ApiObject? before, ApiObject? after)
    {
        var uid = (after ?? before)!.Metadata.Uid;
        if (after is null)
        {
            if (_controllers.Remove(uid, out var gone))
            {
                if (!gone.Satisfied)
                {
                    _unsatisfied--;
                }

                if (gone.Parent != 0 && _controllers.TryGetValue(gone.Parent, out var parent))
                {
                    AddRunning(parent, -gone.Running);
                }
            }

            return;
        }

        if (!_controllers.TryGetValue(uid, out var controller))
        {
            var parent = after is ReplicaSet { Owner: { Kind: Deployment.KindName } owner } ? owner.Uid : 0;
            controller = new Controller { Parent = parent, Satisfied = true };
            _controllers.Add(uid, controller);
        }

        controller.Desired = after switch
        {
            ReplicaSet replicaSet => replicaSet.Spec.Replicas,
            ReplicationController rc => rc.Spec.Replicas,
            Deployment deployment => deployment.Spec.Replicas,
            _ => 0,
        };
        controller.IsJob = after is Job;
        controller.JobFinished = after is Job { Status.Finished: not null };
        Update(controller);
    }

    private void AddRunning(Controller controller, int delta)
    {
        controller.Running += delta;
        Update(controller);
        if (controller.Parent != 0 && _controllers.TryGetValue(controller.Parent, out var parent))
        {
            parent.Running += delta;
            Update(parent);
        }
    }

    private void Update(Controller controller)
    {
        var satisfied = controller.IsJob ? controller.JobFinished : controller.Running == controller.Desired;
        if (satisfied != controller.Satisfied)
        {
            controller.Satisfied = satisfied;
            _unsatisfied += satisfied ? -1 : 1;
        }
    }

    /// <summary>What the watcher keeps of a ReplicaSet, ReplicationController, Deployment or Job.</summary>
    private sealed class Controller
    {
        /// <summary>The owning Deployment's uid (a ReplicaSet's); 0 for none.</summary>
        public long Parent { get; init; }

        public int Desired { get; set; }

        /// <summary>Active Running pods it owns (a Deployment: of its ReplicaSets).</summary>
        public int Running { get; set; }

        public bool IsJob { get; set; }

        public bool JobFinished { get; set; }

        public bool Satisfied { get; set; }
    }
}
