namespace Sim.Scheduling.Plugins.NodeResourcesFit;

/// <summary>
/// Upstream's <c>helper.BuildBrokenLinearFunction</c>: a piecewise-linear function through the points,
/// constant before the first and after the last, in integer arithmetic
/// (<c>s0 + (s1 − s0) × (p − u0) / (u1 − u0)</c>, truncating).
/// </summary>
internal static class BrokenLinearFunction
{
    /// <summary>The function's value at <paramref name="p"/>; <paramref name="shape"/> has at least one point, in increasing utilization.</summary>
    public static long Evaluate(ReadOnlySpan<FunctionShapePoint> shape, long p)
    {
        for (var i = 0; i < shape.Length; i++)
        {
            if (p <= shape[i].Utilization)
            {
                if (i == 0)
                {
                    return shape[0].Score;
                }

                var (previous, next) = (shape[i - 1], shape[i]);
                return previous.Score + ((next.Score - previous.Score) * (p - previous.Utilization) / (next.Utilization - previous.Utilization));
            }
        }

        return shape[^1].Score;
    }
}
