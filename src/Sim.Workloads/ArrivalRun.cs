using System.Globalization;
using Sim.Cluster;
using Sim.Engine;
using Sim.Engine.Randomness;

namespace Sim.Workloads;

/// <summary>
/// A generated workload's arrival loop: draws each arrival time from the workload's
/// <c>arrivals</c> stream, one at a time, and creates item i at its time, until
/// <see cref="WorkloadSpec.Count"/> items have arrived, the process ends, or the next arrival would
/// come after <see cref="WorkloadSpec.Stop"/>.
/// </summary>
internal abstract class ArrivalRun : WorkloadRun
{
    private readonly WorkloadSpec _spec;
    private IArrivals? _arrivals;
    private SimTime _origin;
    private int _next;

    protected ArrivalRun(WorkloadDriver driver, SimulatedCluster cluster, WorkloadSpec spec)
        : base(driver, cluster, spec)
    {
        _spec = spec;
        Streams = cluster.Streams.Child("workloads").Child(spec.Name);
        Items = Streams.For("items");
    }

    /// <summary>The workload's streams: <c>workloads/NAME</c>.</summary>
    protected RandomStreams Streams { get; }

    /// <summary>Everything drawn per item, in arrival order.</summary>
    protected SimRandom Items { get; }

    /// <inheritdoc />
    public override void Start(SimTime origin)
    {
        _origin = origin;
        _arrivals = _spec.Arrivals.Start(Streams.For("arrivals"));
        ScheduleNext();
    }

    /// <summary>Creates item <paramref name="index"/>, named <paramref name="name"/> (<c>NAME-index</c>).</summary>
    protected abstract void Arrive(int index, string name);

    private void ScheduleNext()
    {
        if ((_spec.Count is { } count && _next >= count) || _arrivals!.NextArrival() is not { } offset)
        {
            ArrivalsOver();
            return;
        }

        // An offset that far out (a rate of 1e-300/d, an MMPP stuck in a silent state) is due "never",
        // after every run's end, rather than overflowing.
        var sinceRunStart = _origin.AddOrNever(_spec.Start).AddOrNever(offset) - _origin;
        if (_spec.Stop is { } stop && sinceRunStart > stop)
        {
            ArrivalsOver();
            return;
        }

        Cluster.Simulation.ScheduleAt(_origin + sinceRunStart, static run => run.OnArrival(), this);
    }

    private void OnArrival()
    {
        var index = _next++;
        Driver.RecordArrival();
        Arrive(index, string.Create(CultureInfo.InvariantCulture, $"{_spec.Name}-{index}"));
        ScheduleNext();
    }
}
