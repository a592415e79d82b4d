namespace Sim.Engine.Validation;

/// <summary>
/// Collects what a queueing model measures per customer (wait, time in system, whether it waited)
/// into batch means, and turns them into a <see cref="QueueResult"/>.
/// </summary>
public sealed class QueueStatistics
{
    private readonly long _customers;
    private readonly BatchMeans _wait;
    private readonly BatchMeans _sojourn;
    private readonly BatchMeans _waited;

    /// <summary>Prepares for <paramref name="customers"/> measured customers in <paramref name="batches"/> batches.</summary>
    public QueueStatistics(long customers, int batches = 20)
    {
        _customers = customers;
        _wait = new BatchMeans(customers, batches);
        _sojourn = new BatchMeans(customers, batches);
        _waited = new BatchMeans(customers, batches);
    }

    /// <summary>Records one customer that waited <paramref name="wait"/> and was served for <paramref name="service"/>.</summary>
    public void Record(TimeSpan wait, TimeSpan service)
    {
        var waitSeconds = (double)wait.Ticks / SimTime.TicksPerSecond;
        _wait.Add(waitSeconds);
        _sojourn.Add(waitSeconds + ((double)service.Ticks / SimTime.TicksPerSecond));
        _waited.Add(wait.Ticks > 0 ? 1 : 0);
    }

    /// <summary>The estimates, with the kernel's event count.</summary>
    public QueueResult ToResult(long events) =>
        new(_customers, events, _wait.ToEstimate(), _sojourn.ToEstimate(), _waited.ToEstimate());

    /// <summary>The mean interval of a Poisson process with <paramref name="ratePerSecond"/> events per second, in whole ticks.</summary>
    public static TimeSpan MeanInterval(double ratePerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        return TimeSpan.FromTicks((long)Math.Round(SimTime.TicksPerSecond / ratePerSecond));
    }
}
