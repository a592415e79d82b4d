namespace Sim.Engine.Validation;

/// <summary>
/// The method of batch means: a long run's observations are cut into equal consecutive batches.
/// Batch averages are nearly independent when batches are much longer than the autocorrelation
/// time, so their spread estimates the standard error of the overall mean.
/// </summary>
public sealed class BatchMeans
{
    private readonly long _batchSize;
    private readonly double[] _batchAverages;
    private int _batches;
    private double _currentSum;
    private long _currentCount;

    /// <summary>Prepares <paramref name="batches"/> batches over <paramref name="observations"/> observations.</summary>
    public BatchMeans(long observations, int batches)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batches, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(observations, batches);
        _batchSize = observations / batches;
        _batchAverages = new double[batches];
    }

    /// <summary>Complete batches so far.</summary>
    public int Batches => _batches;

    /// <summary>Adds one observation; observations past the last batch are ignored.</summary>
    public void Add(double value)
    {
        if (_batches == _batchAverages.Length)
        {
            return;
        }

        _currentSum += value;
        if (++_currentCount == _batchSize)
        {
            _batchAverages[_batches++] = _currentSum / _batchSize;
            _currentSum = 0;
            _currentCount = 0;
        }
    }

    /// <summary>The mean and its standard error (sd of the batch averages over the square root of their number).</summary>
    /// <exception cref="InvalidOperationException">Before two batches are complete.</exception>
    public Estimate ToEstimate()
    {
        if (_batches < 2)
        {
            throw new InvalidOperationException($"Batch means need at least two complete batches; {_batches} are complete.");
        }

        var mean = 0.0;
        for (var i = 0; i < _batches; i++)
        {
            mean += _batchAverages[i];
        }

        mean /= _batches;
        var squares = 0.0;
        for (var i = 0; i < _batches; i++)
        {
            squares += (_batchAverages[i] - mean) * (_batchAverages[i] - mean);
        }

        return new Estimate(mean, Math.Sqrt(squares / (_batches - 1) / _batches));
    }
}
