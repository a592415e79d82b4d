using Sim.Engine.Randomness;

namespace Sim.Engine.Validation;

/// <summary>
/// An M/M/c queue in event-scheduling style: two events per customer (arrival, departure), no
/// allocation per customer once the waiting line has grown. It validates the kernel against
/// queueing theory (<see cref="ErlangC"/>) and is a worked example of writing a model on it.
/// Arrivals and service times come from the streams "arrivals" and "services". Rates are per second.
/// </summary>
public sealed class MmcModel
{
    private readonly Simulation _simulation = new();
    private readonly SimRandom _arrivals;
    private readonly SimRandom _services;
    private readonly TimeSpan _meanInterarrival;
    private readonly TimeSpan _meanService;
    private readonly int _servers;
    private readonly long _warmup;
    private readonly long _measured;
    private readonly Queue<long> _waiting = new();
    private readonly QueueStatistics _statistics;
    private int _busy;
    private long _started;

    /// <summary>Builds the queue.</summary>
    /// <param name="servers">c, the number of servers.</param>
    /// <param name="arrivalRate">λ, arrivals per second.</param>
    /// <param name="serviceRate">μ, services per second per server.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="customers">Customers to measure after the warm-up.</param>
    /// <param name="warmup">Customers to discard first, so the queue starts measuring near steady state.</param>
    /// <param name="batches">Batches for the standard errors (batch means).</param>
    public MmcModel(int servers, double arrivalRate, double serviceRate, ulong seed, long customers, long warmup, int batches = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(servers, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmup);
        var streams = new RandomStreams(seed);
        _arrivals = streams.For("arrivals");
        _services = streams.For("services");
        _meanInterarrival = QueueStatistics.MeanInterval(arrivalRate);
        _meanService = QueueStatistics.MeanInterval(serviceRate);
        _servers = servers;
        _warmup = warmup;
        _measured = customers;
        _statistics = new QueueStatistics(customers, batches);
    }

    /// <summary>The kernel the queue runs on (for its counters).</summary>
    public Simulation Simulation => _simulation;

    /// <summary>Runs until the last measured customer starts service.</summary>
    public QueueResult Run()
    {
        _simulation.ScheduleAfter(_arrivals.Exponential(_meanInterarrival), static q => q.Arrive(), this);
        _simulation.Run();
        return _statistics.ToResult(_simulation.EventsExecuted);
    }

    private void Arrive()
    {
        _simulation.ScheduleAfter(_arrivals.Exponential(_meanInterarrival), static q => q.Arrive(), this);
        if (_busy < _servers)
        {
            _busy++;
            StartService(_simulation.Now.Ticks);
        }
        else
        {
            _waiting.Enqueue(_simulation.Now.Ticks);
        }
    }

    private void Depart()
    {
        if (_waiting.TryDequeue(out var arrivedAt))
        {
            StartService(arrivedAt);
        }
        else
        {
            _busy--;
        }
    }

    private void StartService(long arrivedAt)
    {
        var service = _services.Exponential(_meanService);
        _simulation.ScheduleAfter(service, static q => q.Depart(), this);
        var index = _started++;
        if (index < _warmup)
        {
            return;
        }

        _statistics.Record(TimeSpan.FromTicks(_simulation.Now.Ticks - arrivedAt), service);
        if (index + 1 == _warmup + _measured)
        {
            _simulation.Stop();
        }
    }
}
