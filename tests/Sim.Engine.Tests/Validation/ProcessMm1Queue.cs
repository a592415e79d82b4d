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
    private readonly BatchMeans _wait;
    private readonly BatchMeans _sojourn;
    private readonly BatchMeans _waited;
    private Process? _server;

    public ProcessMm1Queue(double arrivalRate, double serviceRate, ulong seed, long customers, long warmup, int batches = 20)
    {
        var streams = new RandomStreams(seed);
        _arrivals = streams.For("arrivals");
        _services = streams.For("services");
        _meanInterarrival = TimeSpan.FromTicks((long)Math.Round(SimTime.TicksPerSecond / arrivalRate));
        _meanService = TimeSpan.FromTicks((long)Math.Round(SimTime.TicksPerSecond / serviceRate));
        _warmup = warmup;
        _measured = customers;
        _wait = new BatchMeans(customers, batches);
        _sojourn = new BatchMeans(customers, batches);
        _waited = new BatchMeans(customers, batches);
    }

    public QueueResult Run()
    {
        _server = _simulation.Start(Server(), "server");
        _simulation.Start(Source(), "source");
        _simulation.Run();
        return new QueueResult(_measured, _simulation.EventsExecuted, _wait.ToEstimate(), _sojourn.ToEstimate(), _waited.ToEstimate());
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

            var wait = (double)(_simulation.Now.Ticks - _waiting.Dequeue()) / SimTime.TicksPerSecond;
            var service = _services.Exponential(_meanService);
            if (served >= _warmup)
            {
                _wait.Add(wait);
                _sojourn.Add(wait + ((double)service.Ticks / SimTime.TicksPerSecond));
                _waited.Add(wait > 0 ? 1 : 0);
            }

            yield return ProcessStep.Delay(service);
        }

        _simulation.Stop();
    }
}
