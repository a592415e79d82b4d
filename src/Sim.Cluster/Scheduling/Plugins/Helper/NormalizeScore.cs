namespace Sim.Scheduling.Plugins.Helper;

/// <summary>Score normalizations shared by several plugins (upstream's <c>plugins/helper/normalize_score.go</c>).</summary>
public static class NormalizeScore
{
    /// <summary>The highest score a plugin may give a node after normalizing (upstream's <c>framework.MaxNodeScore</c>).</summary>
    public const long MaxNodeScore = 100;

    /// <summary>
    /// Upstream's <c>DefaultNormalizeScore</c>: scales the scores from [0, max(scores)] to
    /// [0, <paramref name="maxPriority"/>] with integer division; with <paramref name="reverse"/>, each
    /// becomes <paramref name="maxPriority"/> minus its scaled value. When every score is 0 they stay 0,
    /// or all become <paramref name="maxPriority"/> when reversed. Scores are assumed non-negative.
    /// </summary>
    public static Status Default(long maxPriority, bool reverse, Span<long> scores)
    {
        long maxCount = 0;
        foreach (var score in scores)
        {
            if (score > maxCount)
            {
                maxCount = score;
            }
        }

        if (maxCount == 0)
        {
            if (reverse)
            {
                scores.Fill(maxPriority);
            }

            return Status.Success;
        }

        foreach (ref var score in scores)
        {
            var scaled = maxPriority * score / maxCount;
            score = reverse ? maxPriority - scaled : scaled;
        }

        return Status.Success;
    }

    /// <summary>As <see cref="Default(long, bool, Span{long})"/>, over node-score pairs.</summary>
    public static Status Default(long maxPriority, bool reverse, Span<NodeScore> scores)
    {
        long maxCount = 0;
        foreach (var score in scores)
        {
            if (score.Score > maxCount)
            {
                maxCount = score.Score;
            }
        }

        if (maxCount == 0)
        {
            if (reverse)
            {
                foreach (ref var score in scores)
                {
                    score.Score = maxPriority;
                }
            }

            return Status.Success;
        }

        foreach (ref var score in scores)
        {
            var scaled = maxPriority * score.Score / maxCount;
            score.Score = reverse ? maxPriority - scaled : scaled;
        }

        return Status.Success;
    }
}
