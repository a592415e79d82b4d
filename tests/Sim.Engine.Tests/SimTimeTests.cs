
namespace Sim.Engine.Tests;

public class SimTimeTests
{
    [Test]
    public void A_tick_is_a_TimeSpan_tick_so_durations_convert_exactly()
    {
        var time = SimTime.Zero + TimeSpan.FromMilliseconds(1.5);

        Assert.Multiple(() =>
        {
            Assert.That(SimTime.TicksPerSecond, Is.EqualTo(10_000_000));
            Assert.That(time.Ticks, Is.EqualTo(15_000));
            Assert.That(time.ToTimeSpan(), Is.EqualTo(TimeSpan.FromTicks(15_000)));
        });
    }

    [Test]
    public void Adding_and_subtracting_durations_is_integer_arithmetic()
    {
        var start = SimTime.FromSeconds(10);
        var later = start + TimeSpan.FromTicks(3);

        Assert.Multiple(() =>
        {
            Assert.That(later - start, Is.EqualTo(TimeSpan.FromTicks(3)));
            Assert.That(later - TimeSpan.FromTicks(3), Is.EqualTo(start));
            Assert.That(later > start, Is.True);
            Assert.That(SimTime.Max(start, later), Is.EqualTo(later));
            Assert.That(SimTime.Min(start, later), Is.EqualTo(start));
            Assert.That(later.WholeSeconds, Is.EqualTo(10));
        });
    }

    [Test]
    public void Time_before_the_start_is_rejected()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => SimTime.FromTicks(-1), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => SimTime.Zero - TimeSpan.FromTicks(1), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public void Overflow_throws_instead_of_wrapping_into_the_past()
    {
        Assert.That(() => SimTime.MaxValue + TimeSpan.FromTicks(1), Throws.InstanceOf<OverflowException>());
    }

    [Test]
    public void AddOrNever_adds_or_gives_never_when_the_sum_is_past_the_latest_time()
    {
        var late = SimTime.FromTicks(long.MaxValue - 10);
        Assert.Multiple(() =>
        {
            Assert.That(SimTime.FromSeconds(5).AddOrNever(TimeSpan.FromSeconds(2)), Is.EqualTo(SimTime.FromSeconds(7)));
            Assert.That(late.AddOrNever(TimeSpan.FromTicks(10)), Is.EqualTo(SimTime.MaxValue));
            Assert.That(late.AddOrNever(TimeSpan.FromTicks(11)), Is.EqualTo(SimTime.MaxValue));
            Assert.That(SimTime.FromSeconds(1).AddOrNever(TimeSpan.MaxValue), Is.EqualTo(SimTime.MaxValue));
            Assert.That(SimTime.FromSeconds(5).AddOrNever(TimeSpan.FromSeconds(-2)), Is.EqualTo(SimTime.FromSeconds(3)));
            Assert.That(() => SimTime.FromSeconds(1).AddOrNever(TimeSpan.FromSeconds(-2)), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    [TestCase(0L, "0.0000000s")]
    [TestCase(15_000L, "0.0015000s")]
    [TestCase(123_456_789L, "12.3456789s")]
    [TestCase(long.MaxValue, "never")]
    public void Prints_as_seconds_with_every_tick(long ticks, string expected)
    {
        Assert.That(SimTime.FromTicks(ticks).ToString(), Is.EqualTo(expected));
    }
}
