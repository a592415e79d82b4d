using Sim.Engine.Processes;
using Sim.Engine.Randomness;
using Sim.Engine.Validation;

namespace Sim.Engine.Tests.Validation;

/// <summary>
/// The same M/M/1 queue written as two iterator processes, a source and a server that suspends
/// when idle: it checks that the process layer keeps the kernel's semantics.
/// </summary>
internal sealed class ProcessMm1Queue
{
    private readonly Simulation _simulation = new();
    private readonly SimRandom _arrivals;
    private readonly SimRandom _services;
    private readonly TimeSpan _meanInterarrival;
    private readonly TimeSpan _meanService;
    private readonly long _warmup;
    private readonly long _measured;
    private readonly Queue<long> _waiting = new();
    private readonly QueueStatistics _statistics;
    private Process? _server;

    public ProcessMm1Queue(double arrivalRate, double serviceRate, ulong seed, long customers, long warmup, int batches = 20)
    {
        var streams = new RandomStreams(seed);
        _arrivals = streams.For("arrivals");
        _services = streams.For("services");
        _meanInterarrival = QueueStatistics.MeanInterval(arrivalRate);
        _meanService = QueueStatistics.MeanInterval(serviceRate);
        _warmup = warmup;
        _measured = customers;
        _statistics = new QueueStatistics(customers, batches);
    }

    public QueueResult Run()
    {
        _server = _simulation.Start(Server(), "server");
        _simulation.Start(Source(), "source");
        _simulation.Run();
        return _statistics.ToResult(_simulation.EventsExecuted);
    }

    private IEnumerable<ProcessStep> Source()
    {
        while (true)
        {
            yield return ProcessStep.Delay(_arrivals.Exponential(_meanInterarrival));
            _waiting.Enqueue(_simulation.Now.Ticks);
            _server!.Resume();
        }
    }

    private IEnumerable<ProcessStep> Server()
    {
        for (long served = 0; served < _warmup + _measured; served++)
        {
            while (_waiting.Count == 0)
            {
                yield return ProcessStep.Suspend;
            }

            var wait = TimeSpan.FromTicks(_simulation.Now.Ticks - _waiting.Dequeue());
            var service = _services.Exponential(_meanService);
            if (served >= _warmup)
            {
                _statistics.Record(wait, service);
            }

            yield return ProcessStep.Delay(service);
        }

        _simulation.Stop();
    }
}
