using System.Security.Cryptography;
using Sim.Engine.Processes;
using Sim.Engine.Randomness;

namespace Sim.Engine.Tests;

public class DeterminismTests
{
    [Test]
    public void The_same_seed_gives_an_identical_trace()
    {
        var first = TraceHash(seed: 5);
        var second = TraceHash(seed: 5);

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void A_different_seed_gives_a_different_trace()
    {
        Assert.That(TraceHash(seed: 6), Is.Not.EqualTo(TraceHash(seed: 5)));
    }

    [Test]
    public void Runs_on_parallel_threads_give_the_serial_trace()
    {
        var serial = Enumerable.Range(1, 4).Select(seed => TraceHash((ulong)seed)).ToArray();
        var parallel = new string[4];

        Parallel.For(0, 4, i => parallel[i] = TraceHash((ulong)(i + 1)));

        Assert.That(parallel, Is.EqualTo(serial));
    }

    /// <summary>
    /// A small model that exercises every kernel path: heap events, zero-delay events, cancelled
    /// timers, processes that suspend and resume. The trace is every event's time and label.
    /// </summary>
    private static string TraceHash(ulong seed)
    {
        var simulation = new Simulation();
        var streams = new RandomStreams(seed);
        var trace = new List<string>();
        var workers = new List<Process>();

        for (var i = 0; i < 20; i++)
        {
            var random = streams.For("worker", i);
            var id = i;
            workers.Add(simulation.Start(Worker(simulation, random, trace, id), $"worker-{id}"));
        }

        var timers = streams.For("timers");
        EventHandle pending = default;
        for (var k = 0; k < 2_000; k++)
        {
            var at = SimTime.FromTicks(timers.NextInt64(0, 50 * SimTime.TicksPerSecond));
            var label = $"timer-{k}";
            var handle = simulation.ScheduleAt(at, () =>
            {
                trace.Add($"{simulation.Now.Ticks} {label}");
                simulation.ScheduleAfter(TimeSpan.Zero, () => trace.Add($"{simulation.Now.Ticks} {label}-echo"));
                var victim = workers[timers.Next(workers.Count)];
                victim.Resume();
            });
            if (timers.NextDouble() < 0.3)
            {
                simulation.Cancel(pending);
            }

            pending = handle;
        }

        simulation.RunUntil(SimTime.FromSeconds(60));
        trace.Add($"end {simulation.Now.Ticks} {simulation.EventsExecuted} {simulation.EventsCancelled}");
        return Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", trace))));
    }

    private static IEnumerable<ProcessStep> Worker(Simulation simulation, SimRandom random, List<string> trace, int id)
    {
        while (true)
        {
            trace.Add($"{simulation.Now.Ticks} worker-{id}");
            if (random.NextDouble() < 0.2)
            {
                yield return ProcessStep.Suspend;
            }
            else
            {
                yield return ProcessStep.Delay(random.Exponential(TimeSpan.FromSeconds(1)));
            }
        }
    }
}
