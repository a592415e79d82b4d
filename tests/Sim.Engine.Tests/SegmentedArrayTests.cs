using Sim.Engine.Randomness;

namespace Sim.Engine.Tests;

public class SegmentedArrayTests
{
    [Test]
    public void Growing_keeps_every_element_through_the_first_segments_doubling_and_the_added_segments()
    {
        var array = new SegmentedArray<long>(100);
        var written = 0;
        var capacities = new List<int> { array.Capacity };
        while (written < (3 * SegmentedArray<long>.SegmentLength) + 5)
        {
            if (written == array.Capacity)
            {
                array.Grow();
                capacities.Add(array.Capacity);
            }

            array[written] = (written * 7L) + 1;
            written++;
        }

        var kept = Enumerable.Range(0, written).All(i => array[i] == (i * 7L) + 1);
        Assert.Multiple(() =>
        {
            Assert.That(kept, Is.True);
            Assert.That(capacities, Is.EqualTo(new[] { 100, 200, 400, 800, 1600, 2048, 4096, 6144, 8192 }));
        });
    }

    [Test]
    public void Next_finds_the_following_element_across_the_ends_of_segments()
    {
        var array = new SegmentedArray<int>(10);
        while (array.Capacity < (3 * SegmentedArray<int>.SegmentLength) + 1)
        {
            array.Grow();
        }

        for (var i = 0; i < array.Capacity; i++)
        {
            array[i] = i;
        }

        var wrong = Enumerable.Range(0, array.Capacity - 1).Where(i => array.Next(ref array[i], i) != i + 1).ToList();

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void A_large_initial_capacity_is_rounded_up_to_whole_segments()
    {
        var array = new SegmentedArray<int>((2 * SegmentedArray<int>.SegmentLength) + 1);
        array[array.Capacity - 1] = 42;

        Assert.Multiple(() =>
        {
            Assert.That(array.Capacity, Is.EqualTo(3 * SegmentedArray<int>.SegmentLength));
            Assert.That(array[array.Capacity - 1], Is.EqualTo(42));
        });
    }

    [Test]
    public void Tens_of_thousands_of_pending_events_run_in_time_then_scheduling_order_with_cancellations()
    {
        // Differential: the queue, now in segments, against a sort of what was scheduled.
        var simulation = new Simulation(initialCapacity: 16);
        var random = new RandomStreams(7).For("times");
        var ran = new List<int>();
        var expected = new List<(long Time, int Id)>();
        var handles = new List<(EventHandle Handle, long Time, int Id)>();
        for (var id = 0; id < 30_000; id++)
        {
            var time = random.NextInt64(1, 5_000);
            handles.Add((simulation.ScheduleAt(SimTime.FromTicks(time), static state => state.Ran.Add(state.Id), new Entry(ran, id)), time, id));
        }

        foreach (var (handle, time, id) in handles)
        {
            if (id % 3 == 0)
            {
                Assert.That(simulation.Cancel(handle), Is.True);
            }
            else
            {
                expected.Add((time, id));
            }
        }

        simulation.Run();

        Assert.That(ran, Is.EqualTo(expected.OrderBy(e => e.Time).ThenBy(e => e.Id).Select(e => e.Id)));
    }

    private sealed record Entry(List<int> Ran, int Id);
}
