namespace Sim.Metrics.Tests;

public class LatencyRecorderTests
{
    private static LatencyRecorder Of(params int[] seconds)
    {
        var recorder = new LatencyRecorder();
        foreach (var s in seconds)
        {
            recorder.Add(TimeSpan.FromSeconds(s));
        }

        return recorder;
    }

    [Test]
    public void Nearest_rank_percentiles_pick_the_smallest_value_with_enough_values_at_or_below_it()
    {
        var recorder = Of(7, 1, 10, 3, 2, 9, 4, 8, 6, 5);

        Assert.Multiple(() =>
        {
            Assert.That(recorder.PercentileSeconds(50), Is.EqualTo(5), "the 5th of 10");
            Assert.That(recorder.PercentileSeconds(90), Is.EqualTo(9), "the 9th of 10");
            Assert.That(recorder.PercentileSeconds(99), Is.EqualTo(10), "the ⌈9.9⌉ = 10th of 10");
            Assert.That(recorder.PercentileSeconds(0), Is.EqualTo(1), "rank at least 1");
            Assert.That(recorder.MeanSeconds(), Is.EqualTo(5.5));
        });
    }

    [Test]
    public void One_latency_is_every_percentile_and_none_is_not_a_number()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Of(3).PercentileSeconds(1), Is.EqualTo(3));
            Assert.That(Of(3).PercentileSeconds(99), Is.EqualTo(3));
            Assert.That(Of().PercentileSeconds(50), Is.NaN);
            Assert.That(Of().MeanSeconds(), Is.NaN);
        });
    }

    [Test]
    public void Percentiles_stay_exact_after_more_latencies_arrive()
    {
        var recorder = Of(4, 2);
        Assert.That(recorder.PercentileSeconds(100), Is.EqualTo(4));
        recorder.Add(TimeSpan.FromSeconds(1));
        recorder.Add(TimeSpan.FromMilliseconds(8500));

        Assert.Multiple(() =>
        {
            Assert.That(recorder.PercentileSeconds(50), Is.EqualTo(2));
            Assert.That(recorder.PercentileSeconds(100), Is.EqualTo(8.5));
        });
    }
}
