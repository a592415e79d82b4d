using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;
using Sim.Engine.Randomness;

namespace Sim.Faults.Injectors;

/// <summary>
/// Crashes containers of the pods a <see cref="PodCrashFault"/> selects: per pod after drawn times
/// (a renewal process from the pod's first Running, followed through a watch on pods without
/// latency, as a chaos tool that reads the API server), or at scheduled times.
/// </summary>
internal sealed class PodCrashInjector(FaultInjector host, PodCrashFault fault) : Injector(host)
{
    private readonly Dictionary<ObjectKey, PodProcess> _processes = [];
    private RandomStreams? _streams;
    private Watch? _watch;
    private bool _stopped;

    public override void Start(ImmutableArray<string> nodes)
    {
        _streams = Host.StreamsOf(fault.Name);
        if (fault.TimeBetweenCrashes is not null)
        {
            ScheduleAfter(fault.Start, static i => i.Follow(), this);
        }
        else
        {
            var picks = _streams.For("picks");
            foreach (var at in fault.Schedule.Where(t => t >= fault.Start && (fault.Stop is not { } stop || t <= stop)))
            {
                ScheduleAfter(at, _ => CrashSome(picks), this);
            }
        }

        if (fault.Stop is { } end)
        {
            ScheduleAfter(end, static i => i.StopAll(), this);
        }
    }

    private bool Candidate(Pod pod) =>
        pod.IsBound && pod.IsActive && pod.Status.Phase == PodPhase.Running
        && (fault.Namespace is null || pod.Metadata.Namespace == fault.Namespace)
        && fault.Selector.Matches(pod.Metadata.Labels);

    private void Follow()
    {
        if (_stopped)
        {
            return;
        }

        foreach (Pod pod in Host.Cluster.Api.List(Pod.KindName))
        {
            Track(pod);
        }

        _watch = Host.Cluster.Api.Watch(new WatchOptions { Kind = Pod.KindName }, OnPod);
    }

    private void OnPod(WatchEvent e)
    {
        var pod = (Pod)e.Item;
        if (e.Type == WatchEventType.Deleted || !pod.IsActive)
        {
            if (_processes.Remove(pod.Key, out var process))
            {
                process.Cancel();
            }

            return;
        }

        Track(pod);
    }

    private void Track(Pod pod)
    {
        if (_processes.ContainsKey(pod.Key) || !Candidate(pod))
        {
            return;
        }

        var process = new PodProcess(this, pod.Key, _streams!.For(pod.Metadata.Namespace + "/" + pod.Metadata.Name));
        _processes.Add(pod.Key, process);
        process.ScheduleNext();
    }

    private void StopAll()
    {
        _stopped = true;
        _watch?.Stop();
        foreach (var key in _processes.Keys.Order().ToList())
        {
            _processes[key].Cancel();
        }

        _processes.Clear();
    }

    /// <summary>Crashes a container of <paramref name="pod"/> if its containers are running (not restarting, node up).</summary>
    private void Crash(Pod pod)
    {
        if (Host.Cluster.Kubelets.TryGetValue(pod.Spec.NodeName, out var kubelet) && kubelet.RunsContainers(pod.Metadata.Name))
        {
            kubelet.CrashContainer(pod.Metadata.Name);
            Host.ContainerCrashed(fault.Name, pod);
        }
    }

    private void CrashSome(SimRandom picks)
    {
        var candidates = Host.Cluster.Api.List(Pod.KindName).Cast<Pod>()
            .Where(p => Candidate(p) && Host.Cluster.Kubelets.TryGetValue(p.Spec.NodeName, out var k) && k.RunsContainers(p.Metadata.Name))
            .ToArray();
        var count = Math.Min(fault.Count ?? candidates.Length, candidates.Length);
        for (var i = 0; i < count; i++)
        {
            var j = i + picks.Next(candidates.Length - i);
            (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
            Crash(candidates[i]);
        }
    }

    /// <summary>One pod's crash times: a renewal process with the fault's time between crashes.</summary>
    private sealed class PodProcess(PodCrashInjector injector, ObjectKey pod, SimRandom random)
    {
        private EventHandle _next;

        public void ScheduleNext()
        {
            _next = injector.ScheduleAfter(TimeSpan.Zero, Seconds(injector.FaultSpec.TimeBetweenCrashes!.Sample(random)), static p => p.Fire(), this);
        }

        public void Cancel() => injector.Host.Simulation.Cancel(_next);

        private void Fire()
        {
            if (injector.Host.Cluster.Api.Get<Pod>(pod) is { IsActive: true } current)
            {
                injector.Crash(current);
            }

            ScheduleNext();
        }
    }

    private PodCrashFault FaultSpec => fault;
}
