using BenchmarkDotNet.Attributes;
using Sim.Engine;
using Sim.Engine.Randomness;

namespace Sim.Benchmarks;

/// <summary>
/// The "timeout ping" workload: <see cref="Pending"/> processes, each of which, when its event
/// runs, schedules its next event after an Exp(1 s) delay. The number of pending events stays at
/// exactly <see cref="Pending"/>. Each invocation runs the next <see cref="EventsPerInvoke"/> events
/// of a run that started in global setup, so the queue is measured in its steady state (a run to
/// time T ≈ EventsPerInvoke / Pending seconds per invocation).
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Engine"/> gives all processes one handler state, as the baseline carries nothing per
/// process but an index. <see cref="EngineWithProcessObjects"/> gives each process its own object,
/// as a real model does: at 100,000 processes that adds a cache miss per event, a cost of the model's
/// memory layout rather than of the queue.
/// </para>
/// <para>
/// The baseline is the loop one would write by hand for this one workload: a struct binary heap
/// keyed on (time, sequence) holding a process index, pop then push, no handler dispatch, no
/// cancellation. Both draw the same delays from the same generator. Ratio = engine / baseline time.
/// </para>
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(EngineBenchmarkConfig))]
public class EngineBenchmarks
{
    public const int EventsPerInvoke = 1_000_000;

    private static readonly TimeSpan MeanDelay = TimeSpan.FromSeconds(1);

    private Simulation _simulation = null!;
    private Simulation _simulationWithObjects = null!;
    private HandWrittenPing _baseline = null!;

    [Params(10, 1_000, 100_000)]
    public int Pending { get; set; }

    [GlobalSetup(Target = nameof(Engine))]
    public void SetUpEngine()
    {
        _simulation = new Simulation();
        var pinger = new Pinger(_simulation, new RandomStreams(42).For("ping"));
        for (var i = 0; i < Pending; i++)
        {
            pinger.Ping();
        }

        _simulation.RunEvents(EventsPerInvoke);
    }

    [GlobalSetup(Target = nameof(EngineWithProcessObjects))]
    public void SetUpEngineWithProcessObjects()
    {
        _simulationWithObjects = new Simulation();
        var random = new RandomStreams(42).For("ping");
        for (var i = 0; i < Pending; i++)
        {
            new Pinger(_simulationWithObjects, random).Ping();
        }

        _simulationWithObjects.RunEvents(EventsPerInvoke);
    }

    [GlobalSetup(Target = nameof(HandWrittenHeapBaseline))]
    public void SetUpBaseline()
    {
        _baseline = new HandWrittenPing(Pending, new RandomStreams(42).For("ping"), MeanDelay);
        _baseline.Run(EventsPerInvoke);
    }

    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public long Engine()
    {
        _simulation.RunEvents(EventsPerInvoke);
        return _simulation.Now.Ticks;
    }

    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public long EngineWithProcessObjects()
    {
        _simulationWithObjects.RunEvents(EventsPerInvoke);
        return _simulationWithObjects.Now.Ticks;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = EventsPerInvoke)]
    public long HandWrittenHeapBaseline() => _baseline.Run(EventsPerInvoke);

    /// <summary>Ping handler state: the event's state is this object, so nothing is allocated per event.</summary>
    private sealed class Pinger(Simulation simulation, SimRandom random)
    {
        public void Ping() => simulation.ScheduleAfter(random.Exponential(MeanDelay), static pinger => pinger.Ping(), this);
    }
}
