using Sim.Engine.Randomness;

namespace Sim.Engine.Tests;

/// <summary>
/// The slot table in segments against the model it replaces (one array and a stack of free indices):
/// the same slot for every event, last freed first, across segment boundaries, with cancellations.
/// </summary>
public class EventSlotsTests
{
    [TestCase(0)]
    [TestCase(16)]
    [TestCase(5_000)]
    public void Slots_are_handed_out_as_a_stack_of_free_indices_would_across_segments(int capacity)
    {
        var random = new RandomStreams(7).For("slots");
        var slots = new EventSlots(capacity);
        var free = new Stack<int>();
        var used = 0;
        var live = new List<(int Index, long Sequence, object State, bool Cancelled)>();
        var handler = new Action<object?>(_ => { });
        long sequence = 0;
        var peak = 0;
        for (var step = 0; step < 60_000; step++)
        {
            // Grow to about 9,000 live events (five segments), then drain.
            var draw = random.Next(10);
            var grow = step < 40_000 ? draw < 6 : draw < 2;
            if (grow || live.Count == 0)
            {
                var state = new object();
                var index = slots.Allocate(++sequence, handler, state);
                var expected = free.Count != 0 ? free.Pop() : used++;
                Assert.That(index, Is.EqualTo(expected), $"step {step}");
                live.Add((index, sequence, state, false));
                peak = Math.Max(peak, live.Count);
                continue;
            }

            var at = random.Next(live.Count);
            var entry = live[at];
            if (draw == 9 && !entry.Cancelled)
            {
                Assert.That(slots.TryCancel(entry.Index, entry.Sequence + 1), Is.False, "another event's sequence");
                Assert.That(slots.TryCancel(entry.Index, entry.Sequence), Is.True);
                Assert.That(slots.IsCancelled(entry.Index), Is.True);
                live[at] = entry with { Cancelled = true };
                continue;
            }

            var released = slots.Release(entry.Index, out var releasedState);
            Assert.That(released, entry.Cancelled ? Is.Null : Is.SameAs(handler));
            Assert.That(releasedState, entry.Cancelled ? Is.Null : Is.SameAs(entry.State));
            Assert.That(slots.TryCancel(entry.Index, entry.Sequence), Is.False, "a released slot");
            free.Push(entry.Index);
            live[at] = live[^1];
            live.RemoveAt(live.Count - 1);
        }

        Assert.That(peak, Is.GreaterThan(8_000), "the table grew past several segments");
    }
}
