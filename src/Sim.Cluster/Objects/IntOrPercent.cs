using System.Globalization;

namespace Sim.Cluster.Objects;

/// <summary>An absolute count or a percentage, as Kubernetes' <c>IntOrString</c> fields (minAvailable, maxSurge …).</summary>
/// <param name="Value">The count, or the percentage when <paramref name="IsPercent"/>.</param>
/// <param name="IsPercent">Whether <paramref name="Value"/> is a percentage.</param>
public readonly record struct IntOrPercent(int Value, bool IsPercent)
{
    /// <summary>An absolute count.</summary>
    public static IntOrPercent Count(int value) => new(value, false);

    /// <summary>A percentage.</summary>
    public static IntOrPercent Percent(int value) => new(value, true);

    /// <summary>
    /// The count against <paramref name="total"/>, as upstream's <c>GetScaledValueFromIntOrPercent</c>:
    /// a percentage rounds up when <paramref name="roundUp"/>, down otherwise.
    /// </summary>
    public int Scale(int total, bool roundUp)
    {
        if (!IsPercent)
        {
            return Value;
        }

        var product = (long)Value * total;
        return (int)(roundUp ? (product + 99) / 100 : product / 100);
    }

    /// <summary>"3" or "25%".</summary>
    public override string ToString() => IsPercent ? Value.ToString(CultureInfo.InvariantCulture) + "%" : Value.ToString(CultureInfo.InvariantCulture);
}
