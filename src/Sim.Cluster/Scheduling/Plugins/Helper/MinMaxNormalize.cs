namespace Sim.Scheduling.Plugins.Helper;

/// <summary>The catalogue heuristics' normalization: min-max scaling that gives the maximum score only to the best nodes.</summary>
internal static class MinMaxNormalize
{
    /// <summary>
    /// Rescales raw scores to 0..100 as <c>100 × (raw − worst) / (best − worst)</c> with truncating
    /// division, where best is the highest raw score (the lowest with <paramref name="lowerIsBetter"/>)
    /// and worst the other end. Because the division truncates, exactly the nodes with the best raw
    /// score get 100 and every other node at most 99; when all raw scores are equal every node gets 100.
    /// </summary>
    public static Status Apply(Span<NodeScore> scores, bool lowerIsBetter)
    {
        if (scores.IsEmpty)
        {
            return Status.Success;
        }

        var min = long.MaxValue;
        var max = long.MinValue;
        foreach (var score in scores)
        {
            min = Math.Min(min, score.Score);
            max = Math.Max(max, score.Score);
        }

        var range = (Int128)max - min;
        foreach (ref var score in scores)
        {
            var distance = lowerIsBetter ? (Int128)max - score.Score : (Int128)score.Score - min;
            score.Score = range == 0 ? NormalizeScore.MaxNodeScore : (long)(NormalizeScore.MaxNodeScore * distance / range);
        }

        return Status.Success;
    }
}
