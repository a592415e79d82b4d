using Sim.Cluster.Controllers;
using Sim.Engine;

namespace Sim.Cluster.Tests.Controllers;

/// <summary>The per-zone tainting queue and its token bucket, with the cases of upstream's <c>rate_limited_queue_test.go</c>.</summary>
public class RateLimitedTimedQueueTests
{
    /// <summary>A rate so high that the bucket always holds a token (upstream's FakeAlwaysRateLimiter).</summary>
    private const double Always = 1e12;

    private static readonly SimTime T0 = SimTime.FromSeconds(1);

    [TestCase("first", new[] { "second", "third" })]
    [TestCase("second", new[] { "first", "third" })]
    [TestCase("third", new[] { "first", "second" })]
    public void Removing_a_node_leaves_the_others_in_order(string removed, string[] expected)
    {
        var queue = Queue(Always, "first", "second", "third");

        Assert.That(queue.Remove(removed), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(Drain(queue, T0), Is.EqualTo(expected));
            Assert.That(queue.Remove(removed), Is.False, "a removed node is no longer known");
        });
    }

    [Test]
    public void A_node_is_queued_once_until_removed()
    {
        var queue = Queue(Always, "first", "second");

        Assert.Multiple(() =>
        {
            Assert.That(queue.Add("first", T0), Is.False);
            Assert.That(queue.Count, Is.EqualTo(2));
        });
    }

    [Test]
    public void A_processed_node_is_not_processed_again_unless_removed_first()
    {
        var queue = Queue(Always, "first", "second", "third");
        queue.Remove("second");
        Drain(queue, T0);

        var readded = queue.Add("first", T0);
        var processed = Drain(queue, T0);
        queue.Remove("first");
        queue.Add("first", T0);

        Assert.Multiple(() =>
        {
            Assert.That(readded, Is.False);
            Assert.That(processed, Is.Empty);
            Assert.That(Drain(queue, T0), Is.EqualTo(new[] { "first" }));
        });
    }

    [Test]
    public void A_failed_node_is_retried_after_the_others()
    {
        var queue = Queue(Always, "first", "second", "third");
        var order = new List<string>();
        var failed = false;

        queue.Try(T0, node =>
        {
            if (node == "second" && !failed)
            {
                failed = true;
                return false;
            }

            order.Add(node);
            return true;
        });
        var later = T0 + TimeSpan.FromTicks(1);
        queue.Try(later, node =>
        {
            order.Add(node);
            return true;
        });

        Assert.That(order, Is.EqualTo(new[] { "first", "third", "second" }));
    }

    [Test]
    public void A_bucket_starts_full_and_refills_in_one_over_the_rate()
    {
        var queue = Queue(0.1, "a", "b", "c");
        var times = new List<(SimTime, string)>();
        for (var ms = 1000; ms <= 30_000; ms += 100)
        {
            var now = SimTime.FromTicks(ms * TimeSpan.TicksPerMillisecond);
            queue.Try(now, node =>
            {
                times.Add((now, node));
                return true;
            });
        }

        Assert.That(times, Is.EqualTo(new[] { (SimTime.FromSeconds(1), "a"), (SimTime.FromSeconds(11), "b"), (SimTime.FromSeconds(21), "c") }));
    }

    [Test]
    public void A_rate_of_zero_never_takes_a_node_and_the_next_due_time_is_unknown()
    {
        var queue = Queue(0.1, "a");
        queue.SwapLimiter(0, T0);

        Assert.Multiple(() =>
        {
            Assert.That(Drain(queue, SimTime.FromSeconds(1000)), Is.Empty);
            Assert.That(queue.NextDueAt, Is.Null);
            Assert.That(queue.Limiter.Rate, Is.Zero);
        });
    }

    [Test]
    public void Swapping_the_limiter_keeps_an_empty_bucket_empty()
    {
        // The bucket was emptied at T0; the new one (5.5/s) is drained at the swap, so it refills 1/5.5 s later.
        var waiting = Queue(0.1, "a", "b");
        waiting.Try(T0, _ => true);
        var swapAt = T0 + TimeSpan.FromSeconds(1);
        waiting.SwapLimiter(5.5, swapAt);

        // A full bucket gives a full new one.
        var full = Queue(0.1, "a");
        full.SwapLimiter(5.5, swapAt);

        Assert.Multiple(() =>
        {
            Assert.That(waiting.Limiter.Rate, Is.EqualTo(5.5));
            Assert.That(waiting.NextDueAt, Is.EqualTo(swapAt + TimeSpan.FromTicks((long)Math.Round(TimeSpan.TicksPerSecond / 5.5))));
            Assert.That(full.NextDueAt, Is.EqualTo(T0));
        });
    }

    [Test]
    public void Swapping_to_the_same_rate_keeps_the_bucket()
    {
        var queue = Queue(0.1, "a", "b");
        queue.Try(T0, _ => true);
        var before = queue.Limiter;

        queue.SwapLimiter(0.1, T0 + TimeSpan.FromSeconds(20));

        Assert.Multiple(() =>
        {
            Assert.That(queue.Limiter, Is.SameAs(before));
            Assert.That(queue.NextDueAt, Is.EqualTo(T0 + TimeSpan.FromSeconds(10)));
        });
    }

    private static RateLimitedTimedQueue Queue(double rate, params string[] nodes)
    {
        var queue = new RateLimitedTimedQueue(rate);
        foreach (var node in nodes)
        {
            queue.Add(node, T0);
        }

        return queue;
    }

    private static List<string> Drain(RateLimitedTimedQueue queue, SimTime now)
    {
        var processed = new List<string>();
        queue.Try(now, node =>
        {
            processed.Add(node);
            return true;
        });
        return processed;
    }
}
