namespace Sim.Scheduling.Plugins.NodeResourcesFit;

/// <summary>Upstream's score range constants (<c>framework.MaxNodeScore</c>, <c>config.MaxCustomPriorityScore</c>).</summary>
internal static class NodeScoring
{
    /// <summary>The highest score a plugin gives a node after normalization.</summary>
    public const long MaxNodeScore = 100;

    /// <summary>The highest score of a RequestedToCapacityRatio shape point.</summary>
    public const long MaxCustomPriorityScore = 10;

    /// <summary>
    /// <c>dividend / divisor</c> for <c>0 ≤ dividend</c> and <c>0 &lt; divisor</c>, exactly as the integer
    /// division gives it: below 2^52 both are exact doubles and their correctly rounded quotient is off the
    /// true one by less than 1/(2·divisor), so it truncates to the integer quotient (the remainder check
    /// guards that). A floating-point division costs a fraction of a 64-bit integer one on the scorers'
    /// per-node path. Other operands take the integer division.
    /// </summary>
    public static long Divide(long dividend, long divisor)
    {
        const long Exact = 1L << 52;
        if (dividend >= Exact || divisor >= Exact || dividend < 0 || divisor <= 0)
        {
            return dividend / divisor;
        }

        var quotient = (long)((double)dividend / divisor);
        var remainder = dividend - (quotient * divisor);
        if (remainder < 0)
        {
            quotient--;
        }
        else if (remainder >= divisor)
        {
            quotient++;
        }

        return quotient;
    }
}
