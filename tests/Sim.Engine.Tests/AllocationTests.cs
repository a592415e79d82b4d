using Sim.Engine.Randomness;

namespace Sim.Engine.Tests;

public class AllocationTests
{
    [Test]
    public void Scheduling_and_running_events_allocates_nothing_in_steady_state()
    {
        var simulation = new Simulation();
        var pinger = new Pinger(simulation, new RandomStreams(1).For("ping"));
        for (var i = 0; i < 1_000; i++)
        {
            pinger.Start();
        }

        simulation.RunEvents(100_000); // warm up: the JIT and the queue's growth

        var before = GC.GetAllocatedBytesForCurrentThread();
        simulation.RunEvents(1_000_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void Cancelling_and_re_arming_timers_allocates_nothing_in_steady_state()
    {
        var simulation = new Simulation();
        var timer = new RearmedTimer(simulation);
        simulation.ScheduleAfter(TimeSpan.FromTicks(1), static t => t.Tick(), timer);
        simulation.RunEvents(10_000);

        var before = GC.GetAllocatedBytesForCurrentThread();
        simulation.RunEvents(100_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Multiple(() =>
        {
            Assert.That(allocated, Is.Zero);
            Assert.That(simulation.EventsCancelled, Is.GreaterThan(100_000));
        });
    }

    private sealed class Pinger(Simulation simulation, SimRandom random)
    {
        public void Start() => simulation.ScheduleAfter(random.Exponential(TimeSpan.FromSeconds(1)), static p => p.Start(), this);
    }

    private sealed class RearmedTimer(Simulation simulation)
    {
        private EventHandle _timeout;

        public void Tick()
        {
            simulation.Cancel(_timeout);
            _timeout = simulation.ScheduleAfter(TimeSpan.FromSeconds(40), static _ => Expire(), this);
            simulation.ScheduleAfter(TimeSpan.FromTicks(1), static t => t.Tick(), this);
        }

        private static void Expire() => throw new InvalidOperationException("The timeout should always be re-armed first.");
    }
}
