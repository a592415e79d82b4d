using System.Globalization;
using System.Numerics;

namespace Sim.Cluster.Resources;

/// <summary>Kubernetes' canonical text for a quantity (<c>Quantity.CanonicalizeBytes</c>).</summary>
internal static class QuantityFormatter
{
    private static readonly BigInteger Ten = 10;
    private static readonly BigInteger Base1024 = 1024;

    public static string Canonical(BigInteger unscaled, int exponent, QuantityFormat format)
    {
        if (unscaled.IsZero)
        {
            return "0";
        }

        var sign = unscaled.Sign < 0 ? "-" : string.Empty;
        var magnitude = BigInteger.Abs(unscaled);
        if (format == QuantityFormat.BinarySI)
        {
            if (TryBinary(magnitude, exponent, out var text))
            {
                return sign + text;
            }

            format = QuantityFormat.DecimalSI; // below 1024, or not a whole number: binary would lose precision
        }

        var (mantissa, power) = CanonicalDecimal(magnitude, exponent);
        return sign + mantissa.ToString(CultureInfo.InvariantCulture) + DecimalSuffix(power, format);
    }

    /// <summary>A whole amount of at least 1024 as digits and the largest binary suffix that divides it.</summary>
    private static bool TryBinary(BigInteger magnitude, int exponent, out string text)
    {
        text = string.Empty;
        BigInteger integer;
        if (exponent >= 0)
        {
            if (exponent > 100)
            {
                return false;
            }

            integer = magnitude * BigInteger.Pow(Ten, exponent);
        }
        else
        {
            integer = BigInteger.DivRem(magnitude, BigInteger.Pow(Ten, -exponent), out var remainder);
            if (!remainder.IsZero)
            {
                return false;
            }
        }

        if (integer < Base1024)
        {
            return false;
        }

        var powers = 0;
        while (BigInteger.Remainder(integer, Base1024).IsZero && powers < 6)
        {
            integer /= Base1024;
            powers++;
        }

        if (powers == 6 && BigInteger.Remainder(integer, Base1024).IsZero)
        {
            // Past Ei there is no binary suffix: fall back to the exact decimal form.
            var (mantissa, power) = CanonicalDecimal(integer * BigInteger.Pow(Base1024, powers), 0);
            text = mantissa.ToString(CultureInfo.InvariantCulture) + DecimalSuffix(power, QuantityFormat.DecimalExponent);
            return true;
        }

        text = integer.ToString(CultureInfo.InvariantCulture) + powers switch
        {
            0 => string.Empty,
            1 => "Ki",
            2 => "Mi",
            3 => "Gi",
            4 => "Ti",
            5 => "Pi",
            _ => "Ei",
        };
        return true;
    }

    /// <summary>Moves every factor of ten into the exponent, then lowers the exponent to a multiple of three.</summary>
    private static (BigInteger Mantissa, long Power) CanonicalDecimal(BigInteger magnitude, long exponent)
    {
        while (BigInteger.Remainder(magnitude, Ten).IsZero)
        {
            magnitude /= Ten;
            exponent++;
        }

        while (exponent % 3 != 0)
        {
            magnitude *= Ten;
            exponent--;
        }

        return (magnitude, exponent);
    }

    private static string DecimalSuffix(long power, QuantityFormat format)
    {
        if (format == QuantityFormat.DecimalSI)
        {
            var suffix = power switch
            {
                -9 => "n",
                -6 => "u",
                -3 => "m",
                0 => string.Empty,
                3 => "k",
                6 => "M",
                9 => "G",
                12 => "T",
                15 => "P",
                18 => "E",
                _ => null,
            };
            if (suffix is not null)
            {
                return suffix;
            }
        }

        // Exponent notation, and the fallback for decimal amounts beyond E or below n.
        return power == 0 ? string.Empty : "e" + power.ToString(CultureInfo.InvariantCulture);
    }
}
