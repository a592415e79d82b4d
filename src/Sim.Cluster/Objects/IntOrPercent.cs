using System.Globalization;

namespace Sim.Cluster.Objects;

/// <summary>
/// An absolute number or a percentage of a total (upstream's <c>intstr.IntOrString</c> as
/// <c>maxSurge</c> and <c>maxUnavailable</c> use it).
/// </summary>
/// <param name="Value">The number, or the percentage when <paramref name="IsPercent"/>.</param>
/// <param name="IsPercent">True for a percentage such as <c>25%</c>.</param>
public readonly record struct IntOrPercent(int Value, bool IsPercent)
{
    /// <summary>An absolute number.</summary>
    public static IntOrPercent Absolute(int value) => new(value, IsPercent: false);

    /// <summary>A percentage of the total.</summary>
    public static IntOrPercent Percent(int percent) => new(percent, IsPercent: true);

    /// <summary>
    /// The value for <paramref name="total"/> (upstream's <c>GetScaledValueFromIntOrPercent</c>): an
    /// absolute number as is; a percentage of the total, rounded up when <paramref name="roundUp"/>,
    /// else down.
    /// </summary>
    public int Scaled(int total, bool roundUp)
    {
        if (!IsPercent)
        {
            return Value;
        }

        var product = (long)Value * total;
        var scaled = roundUp ? (product + 99) / 100 : product / 100;
        return checked((int)scaled);
    }

    /// <summary><c>25%</c> or <c>3</c>.</summary>
    public override string ToString() =>
        IsPercent ? Value.ToString(CultureInfo.InvariantCulture) + "%" : Value.ToString(CultureInfo.InvariantCulture);
}
