using Sim.Engine.Processes;

namespace Sim.Engine.Tests.Processes;

public class ProcessTests
{
    [Test]
    public void A_process_runs_its_steps_at_the_yielded_times()
    {
        var simulation = new Simulation();
        var seen = new List<SimTime>();

        IEnumerable<ProcessStep> Body()
        {
            seen.Add(simulation.Now);
            yield return ProcessStep.Delay(TimeSpan.FromSeconds(5));
            seen.Add(simulation.Now);
            yield return ProcessStep.Until(SimTime.FromSeconds(12));
            seen.Add(simulation.Now);
        }

        var process = simulation.Start(Body(), "clock");
        simulation.Run();

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(new[] { SimTime.Zero, SimTime.FromSeconds(5), SimTime.FromSeconds(12) }));
            Assert.That(process.Status, Is.EqualTo(ProcessStatus.Finished));
        });
    }

    [Test]
    public void Processes_started_together_interleave_in_time_then_start_order()
    {
        var simulation = new Simulation();
        var log = new List<string>();

        IEnumerable<ProcessStep> Body(string name, int seconds)
        {
            for (var i = 0; i < 3; i++)
            {
                log.Add($"{simulation.Now.WholeSeconds}:{name}");
                yield return ProcessStep.Delay(TimeSpan.FromSeconds(seconds));
            }
        }

        simulation.Start(Body("a", 2));
        simulation.Start(Body("b", 3));
        simulation.Run();

        Assert.That(log, Is.EqualTo(new[] { "0:a", "0:b", "2:a", "3:b", "4:a", "6:b" }));
    }

    [Test]
    public void A_suspended_process_sleeps_until_resumed()
    {
        var simulation = new Simulation();
        var wokeAt = SimTime.MaxValue;

        IEnumerable<ProcessStep> Sleeper()
        {
            yield return ProcessStep.Suspend;
            wokeAt = simulation.Now;
        }

        var sleeper = simulation.Start(Sleeper());
        simulation.ScheduleAt(SimTime.FromSeconds(7), () => sleeper.Resume());
        simulation.RunUntil(SimTime.FromSeconds(6));
        var statusBefore = sleeper.Status;
        simulation.Run();

        Assert.Multiple(() =>
        {
            Assert.That(statusBefore, Is.EqualTo(ProcessStatus.Suspended));
            Assert.That(wokeAt, Is.EqualTo(SimTime.FromSeconds(7)));
            Assert.That(sleeper.Resume(), Is.False, "a finished process cannot be resumed");
        });
    }

    [Test]
    public void A_process_can_wait_for_another_to_finish()
    {
        var simulation = new Simulation();
        var joinedAt = SimTime.MaxValue;

        static IEnumerable<ProcessStep> Worker()
        {
            yield return ProcessStep.Delay(TimeSpan.FromSeconds(4));
        }

        var worker = simulation.Start(Worker(), "worker");

        IEnumerable<ProcessStep> Waiter()
        {
            yield return ProcessStep.WaitFor(worker);
            joinedAt = simulation.Now;
            yield return ProcessStep.WaitFor(worker); // already finished: continues at once
        }

        var waiter = simulation.Start(Waiter(), "waiter");
        simulation.Run();

        Assert.Multiple(() =>
        {
            Assert.That(joinedAt, Is.EqualTo(SimTime.FromSeconds(4)));
            Assert.That(waiter.IsAlive, Is.False);
        });
    }

    [Test]
    public void Killing_a_process_cancels_its_next_step_and_runs_its_finally_blocks()
    {
        var simulation = new Simulation();
        var steps = 0;
        var cleanedUp = false;

        IEnumerable<ProcessStep> Body()
        {
            try
            {
                while (true)
                {
                    steps++;
                    yield return ProcessStep.Delay(TimeSpan.FromSeconds(1));
                }
            }
            finally
            {
                cleanedUp = true;
            }
        }

        var process = simulation.Start(Body());
        simulation.ScheduleAt(SimTime.FromTicks((SimTime.TicksPerSecond * 5) / 2), () => process.Kill());
        simulation.Run();

        Assert.Multiple(() =>
        {
            Assert.That(steps, Is.EqualTo(3));
            Assert.That(cleanedUp, Is.True);
            Assert.That(process.Status, Is.EqualTo(ProcessStatus.Finished));
            Assert.That(process.Kill(), Is.False);
        });
    }

    [Test]
    public void A_step_allocates_nothing_once_the_process_is_running()
    {
        var simulation = new Simulation();

        static IEnumerable<ProcessStep> Ticker()
        {
            while (true)
            {
                yield return ProcessStep.Delay(TimeSpan.FromMilliseconds(1));
            }
        }

        simulation.Start(Ticker());
        simulation.RunEvents(1_000);

        var before = GC.GetAllocatedBytesForCurrentThread();
        simulation.RunEvents(100_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
    }
}
