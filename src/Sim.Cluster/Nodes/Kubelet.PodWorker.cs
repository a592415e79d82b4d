using System.Globalization;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;

namespace Sim.Cluster.Nodes;

public sealed partial class Kubelet
{
    /// <summary>How an app container's run ended, for a pod whose restart policy lets it stay ended.</summary>
    private enum ContainerOutcome
    {
        /// <summary>Not ended: starting, running, or restarting.</summary>
        Running,

        /// <summary>Exited with code 0 and will not restart.</summary>
        Succeeded,

        /// <summary>Exited with an error and will not restart.</summary>
        Failed,
    }

    /// <summary>
    /// Runs one pod: its start-up steps as a chain of events, then its app containers until they exit
    /// (<see cref="Container.RunFor"/>) or crash, restarting them as the pod's restart policy says.
    /// </summary>
    // It keeps the pod's key and spec, not the pod: the version it was admitted with (and its status)
    // would otherwise stay in memory as long as the pod runs.
    private sealed class PodWorker(Kubelet kubelet, ObjectKey key, PodSpec spec, ResourceList requests)
    {
        private static readonly Action<PodWorker> NextStep = static worker => worker.Advance();

        private EventHandle _pending;
        private int _step;
        private bool _terminating;
        private bool _finished;
        private TimeSpan _backOff;
        private SimTime _runningSince;
        private AppContainer[]? _apps;

        public ResourceList Requests { get; } = requests;

        /// <summary>The app containers have started and are not restarting, terminating or finished.</summary>
        public bool ContainersRunning => !_terminating && !_finished && _step > RunningStep;

        private Simulation Simulation => kubelet._cluster.Simulation;

        private ClusterTimings Timings => kubelet._cluster.Timings;

        /// <summary>The step <see cref="Advance"/> takes when the app containers have started: the pod turns Running.</summary>
        private int RunningStep => spec.InitContainers.Length + 2;

        public void Start()
        {
            var now = Simulation.Now;
            kubelet.UpdateStatus(key, static (s, now) => s with { StartedAt = now }, now, "accepted by kubelet");
            After(Timings.SandboxStart.Sample(kubelet._random));
        }

        public void Terminate()
        {
            if (_terminating)
            {
                return;
            }

            _terminating = true;
            CancelTimers();
            kubelet.UpdateStatus(key, static (s, _) => s with { ReadySince = null }, 0, "terminating");
            var grace = spec.TerminationGracePeriod < TimeSpan.FromSeconds(1) ? spec.TerminationGracePeriod : TimeSpan.FromSeconds(1);
            _pending = Simulation.ScheduleAfter(grace, static worker => worker.Remove(), this);
        }

        public void Stop() => CancelTimers();

        /// <summary>A running pod whose readiness was taken away is probed again and becomes ready after the readiness delay.</summary>
        public void ReprobeReadiness()
        {
            if (_terminating || _finished || _step != RunningStep + 2 || AnyEnded()) // only a pod that reached Ready
            {
                return;
            }

            _pending = Simulation.ScheduleAfter(Timings.ReadinessDelay.Sample(kubelet._random), static worker => worker.MarkReadyAgain(), this);
        }

        /// <summary>
        /// An app container exits with an error. Under restartPolicy Always or OnFailure the pod stops
        /// being ready and the container starts again after the CrashLoopBackOff delay, which is
        /// returned. Under Never the first app container still running ends for good (the pod fails
        /// once no app container runs any more) and null is returned.
        /// </summary>
        public TimeSpan? Crash()
        {
            if (_terminating || _finished)
            {
                return null;
            }

            if (spec.RestartPolicy != RestartPolicy.Never)
            {
                return RestartAfterExit("container crashed");
            }

            var apps = Apps();
            var index = Array.FindIndex(apps, static a => a.Outcome == ContainerOutcome.Running);
            if (index >= 0)
            {
                End(apps[index], ContainerOutcome.Failed, $"container {spec.Containers[index].Name} failed (exit code 1)");
            }

            return null;
        }

        /// <summary>After the node recovers: the pod is not ready, and its sandbox and containers start again.</summary>
        public void Restart()
        {
            CancelTimers();
            _step = 0; // before the write, so that observers of it see the containers stopped
            kubelet.UpdateStatus(key, s => s with { ReadySince = null, Restarts = s.Restarts + spec.Containers.Length }, "restarting after node recovery");
            After(Timings.SandboxStart.Sample(kubelet._random));
        }

        /// <summary>
        /// After a partition healed: a pod that is ready here but not in the API (the node lifecycle
        /// controller marked it not ready) is reported ready again, as the status manager reconciles.
        /// </summary>
        public void ResyncReadiness()
        {
            if (!_terminating && !_finished && _step == RunningStep + 2 && !AnyEnded())
            {
                MarkReadyAgain();
            }
        }

        private void MarkReadyAgain()
        {
            var now = Simulation.Now;
            kubelet.UpdateStatus(key, static (s, now) => s.ReadySince is null ? s with { ReadySince = now } : s, now, "Ready (probe passed)");
        }

        /// <summary>
        /// Upstream's restart of an exited container (crashed, or done under restartPolicy Always):
        /// not ready, restarts counted, container started again after the back-off (10 s doubling to
        /// 300 s, starting over after 10 min of running).
        /// </summary>
        private TimeSpan RestartAfterExit(string what)
        {
            var now = Simulation.Now;
            if (_backOff > TimeSpan.Zero && now - _runningSince >= Timings.CrashLoopResetAfter)
            {
                _backOff = TimeSpan.Zero; // it ran long enough: the back-off starts over
            }

            _backOff = _backOff == TimeSpan.Zero
                ? Timings.CrashLoopInitialBackOff
                : (_backOff * 2 > Timings.CrashLoopMaxBackOff ? Timings.CrashLoopMaxBackOff : _backOff * 2);
            CancelTimers();
            var delay = _backOff;

            // After the back-off, the container starts again (no sandbox, no pull), then readiness:
            // the next step is the one that marks the pod Running. Set before the write, so that
            // observers of it see the containers stopped.
            _step = RunningStep;
            kubelet.UpdateStatus(
                key,
                s => s with { ReadySince = null, Restarts = s.Restarts + 1, Reason = "CrashLoopBackOff" },
                string.Create(CultureInfo.InvariantCulture, $"{what}; back-off {delay.TotalSeconds:0}s"));
            _pending = Simulation.ScheduleAfter(delay + Timings.ContainerStart.Sample(kubelet._random), NextStep, this);
            return delay;
        }

        /// <summary>An app container's <see cref="Container.RunFor"/> has passed: it exits with code 0.</summary>
        private void Exit(AppContainer app)
        {
            app.Timer = default;
            if (_terminating || _finished)
            {
                return;
            }

            var name = spec.Containers[app.Index].Name;
            if (spec.RestartPolicy == RestartPolicy.Always)
            {
                RestartAfterExit($"container {name} exited (0)");
                return;
            }

            End(app, ContainerOutcome.Succeeded, $"container {name} completed (exit code 0)");
        }

        /// <summary>
        /// An app container ends for good. While others still run the pod is only not ready; once none
        /// runs, the pod is Succeeded (every one exited 0) or Failed, and its resources are released.
        /// </summary>
        private void End(AppContainer app, ContainerOutcome outcome, string description)
        {
            Simulation.Cancel(app.Timer);
            app.Timer = default;
            app.Outcome = outcome;
            var apps = _apps!;
            if (Array.Exists(apps, static a => a.Outcome == ContainerOutcome.Running))
            {
                if (_step == RunningStep + 1)
                {
                    Simulation.Cancel(_pending); // the pending readiness step: the pod cannot become ready now
                }

                kubelet.UpdateStatus(key, s => s with { ReadySince = null }, description);
                return;
            }

            _finished = true;
            CancelTimers();
            var now = Simulation.Now;
            var succeeded = !Array.Exists(apps, static a => a.Outcome == ContainerOutcome.Failed);
            var phase = succeeded ? PodPhase.Succeeded : PodPhase.Failed;
            kubelet.UpdateStatus(
                key,
                s => s with { Phase = phase, ReadySince = null, FinishedAt = now, Reason = succeeded ? "Completed" : "Error" },
                $"{description}; {phase}");
            kubelet.Release(key.Name);
        }

        private bool AnyEnded() => _apps is { } apps && Array.Exists(apps, static a => a.Outcome != ContainerOutcome.Running);

        private AppContainer[] Apps()
        {
            if (_apps is null)
            {
                var apps = new AppContainer[spec.Containers.Length];
                for (var i = 0; i < apps.Length; i++)
                {
                    apps[i] = new AppContainer(this, i);
                }

                _apps = apps;
            }

            return _apps;
        }

        /// <summary>Starts the run of every app container that has not ended and has a <see cref="Container.RunFor"/>.</summary>
        private void StartExitTimers()
        {
            var containers = spec.Containers;
            for (var i = 0; i < containers.Length; i++)
            {
                if (containers[i].RunFor is not { } runFor)
                {
                    continue;
                }

                var app = Apps()[i];
                if (app.Outcome == ContainerOutcome.Running)
                {
                    Simulation.Cancel(app.Timer);
                    app.Timer = Simulation.ScheduleAfter(runFor, AppContainer.ExitHandler, app);
                }
            }
        }

        private void CancelTimers()
        {
            Simulation.Cancel(_pending);
            if (_apps is { } apps)
            {
                foreach (var app in apps)
                {
                    Simulation.Cancel(app.Timer);
                    app.Timer = default;
                }
            }
        }

        private void Remove()
        {
            kubelet.Release(key.Name);
            kubelet.DeletePod(key, "containers stopped; removed");
        }

        private void After(TimeSpan delay) => _pending = Simulation.ScheduleAfter(delay, NextStep, this);

        /// <summary>Steps: 0 sandbox ready → pull images → init containers → start containers → running → ready.</summary>
        private void Advance()
        {
            var step = _step++;
            if (step == 0)
            {
                After(PullTime());
                return;
            }

            var inits = spec.InitContainers;
            var initIndex = step - 1;
            if (initIndex < inits.Length)
            {
                var init = inits[initIndex];
                After(init.RestartAlways ? Timings.ContainerStart.Sample(kubelet._random) : Timings.InitContainerRun.Sample(kubelet._random));
                return;
            }

            var now = Simulation.Now;
            if (initIndex == inits.Length)
            {
                if (inits.Length > 0)
                {
                    kubelet.UpdateStatus(key, static (s, now) => s with { InitializedAt = now }, now, "initialized");
                }

                After(Timings.ContainerStart.Sample(kubelet._random));
                return;
            }

            if (step == RunningStep)
            {
                _runningSince = now;
                kubelet.UpdateStatus(key, static (s, now) => s with { Phase = PodPhase.Running, InitializedAt = s.InitializedAt ?? now, Reason = string.Empty }, now, "Running");
                StartExitTimers();
                After(Timings.ReadinessDelay.Sample(kubelet._random));
                return;
            }

            kubelet.UpdateStatus(key, static (s, now) => s with { ReadySince = now }, now, "Ready");
        }

        /// <summary>How long until every image the pod needs is on the node, pulling the missing ones one at a time.</summary>
        private TimeSpan PullTime()
        {
            var now = Simulation.Now.Ticks;
            var readyAt = now;
            foreach (var container in spec.InitContainers)
            {
                readyAt = Math.Max(readyAt, ImageReadyAt(container, now));
            }

            foreach (var container in spec.Containers)
            {
                readyAt = Math.Max(readyAt, ImageReadyAt(container, now));
            }

            return TimeSpan.FromTicks(readyAt - now);
        }

        /// <summary>When the container's image is on the node (now, for a container without one), starting its pull if needed.</summary>
        private long ImageReadyAt(Container container, long now)
        {
            if (container.Image is not { } image)
            {
                return now;
            }

            if (!kubelet._imageReadyAt.TryGetValue(image, out var available))
            {
                var size = SizeOnRegistry(kubelet._node!, image) ?? Timings.DefaultImageSizeBytes;
                var duration = Timings.ImagePullOverhead.Ticks + (size * TimeSpan.TicksPerSecond / Timings.ImagePullBytesPerSecond);
                var start = Math.Max(now, kubelet._pullerFreeAt);
                available = start + duration;
                kubelet._pullerFreeAt = available;
                kubelet._imageReadyAt[image] = available;
            }

            return available;
        }

        private static long? SizeOnRegistry(Node node, string image) => node.Status.Images.FirstOrDefault(i => i.Name == image)?.SizeBytes;

        /// <summary>One app container's run: its exit timer and, once it ended for good, how.</summary>
        private sealed class AppContainer(PodWorker worker, int index)
        {
            public static readonly Action<AppContainer> ExitHandler = static app => app.Worker.Exit(app);

            public PodWorker Worker { get; } = worker;

            public int Index { get; } = index;

            public EventHandle Timer { get; set; }

            public ContainerOutcome Outcome { get; set; }
        }
    }
}
