using System.Globalization;
using Sim.Cluster;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;

namespace Sim.Workloads;

/// <summary>Replays a <see cref="TraceWorkload"/>: one Job per trace job, at the trace's time, pulled lazily.</summary>
internal sealed class TraceRun(WorkloadDriver driver, SimulatedCluster cluster, TraceWorkload spec)
    : WorkloadRun(driver, cluster, spec)
{
    private IEnumerator<TraceJob>? _jobs;
    private SimTime _origin;
    private TimeSpan _last;
    private int _next;

    public override void Start(SimTime origin)
    {
        _origin = origin;
        _jobs = spec.Jobs().GetEnumerator();
        ScheduleNext();
    }

    private void ScheduleNext()
    {
        if ((spec.Count is { } count && _next >= count) || !_jobs!.MoveNext())
        {
            _jobs?.Dispose();
            ArrivalsOver();
            return;
        }

        var job = _jobs.Current;
        if (job.Arrival < _last)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Workload '{spec.Name}': trace job {_next} arrives at {job.Arrival}, before the previous one ({_last}); a trace must be in arrival order."));
        }

        _last = job.Arrival;
        var sinceRunStart = spec.Start + job.Arrival;
        if (spec.Stop is { } stop && sinceRunStart > stop)
        {
            _jobs.Dispose();
            ArrivalsOver();
            return;
        }

        Cluster.Simulation.ScheduleAt(_origin + sinceRunStart, static run => run.OnArrival(), this);
    }

    private void OnArrival()
    {
        var index = _next++;
        var job = _jobs!.Current;
        Driver.RecordArrival();
        var name = string.Create(CultureInfo.InvariantCulture, $"{spec.Name}-{index}");
        var labels = PodTemplates.Labels(spec, name);
        var requests = ResourceList.Builder().Cpu(Math.Max(1, job.MilliCpu)).Memory(Math.Max(1, job.MemoryBytes)).Build();
        var container = new Container(PodTemplates.ContainerName, requests) { RunFor = job.Duration };
        var instances = Math.Max(1, job.Instances);
        var created = Create(new Job
        {
            Metadata = new ObjectMeta { Name = name, Namespace = spec.Namespace, Labels = labels },
            Spec = new JobSpec
            {
                Parallelism = instances,
                Completions = instances,
                TtlSecondsAfterFinished = PodTemplates.TtlSeconds(spec.TtlAfterFinished),
                Template = new PodTemplate
                {
                    Labels = labels,
                    Spec = new PodSpec
                    {
                        Containers = [container],
                        RestartPolicy = RestartPolicy.Never,
                        PriorityClassName = spec.PriorityClassName ?? string.Empty,
                    },
                },
            },
        });
        if (created.IsOk)
        {
            Driver.RecordPods(instances);
        }

        ScheduleNext();
    }
}
