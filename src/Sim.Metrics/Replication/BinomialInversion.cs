using MathNet.Numerics.Distributions;

namespace Sim.Metrics.Replication;

/// <summary>
/// Binomial draws by inversion of one uniform: the smallest k with P(X ≤ k) ≥ u, found by walking from
/// the mode. One uniform per draw, and the result grows with p for the same uniform, so runs with the
/// same seed get coupled draws (common random numbers) whatever their success probabilities.
/// </summary>
internal static class BinomialInversion
{
    /// <summary>The draw for <paramref name="u"/> in [0, 1) of Binomial(<paramref name="n"/>, <paramref name="p"/>); O(standard deviation) steps.</summary>
    public static long Sample(long n, double p, double u)
    {
        if (n > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "At most int.MaxValue trials.");
        }

        if (n <= 0 || p <= 0)
        {
            return 0;
        }

        if (p >= 1)
        {
            return n;
        }

        var mode = Math.Clamp((long)Math.Floor((n + 1) * p), 0, n);
        var ratio = p / (1 - p);
        var pmf = Binomial.PMF(p, (int)n, (int)mode);
        var cdf = mode >= n ? 1.0 : Binomial.CDF(p, (int)n, mode); // MathNet's CDF at n is not 1
        var k = mode;
        if (u <= cdf)
        {
            // Down: while u is also at or below P(X ≤ k − 1), step down.
            while (k > 0 && pmf > 0 && u <= cdf - pmf)
            {
                cdf -= pmf;
                pmf *= k / ((n - k + 1) * ratio);
                k--;
            }

            return k;
        }

        while (k < n && u > cdf)
        {
            k++;
            pmf *= (n - k + 1) * ratio / k;
            if (pmf <= 0)
            {
                break;
            }

            cdf += pmf;
        }

        return k;
    }
}
