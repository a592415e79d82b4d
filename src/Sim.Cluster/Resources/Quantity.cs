using System.Globalization;
using System.Numerics;

namespace Sim.Cluster.Resources;

/// <summary>
/// An exact decimal amount written as Kubernetes writes resource quantities ("100m", "1.5", "2Gi",
/// "1e3", "128974848"), parsed and printed with the semantics of
/// <c>k8s.io/apimachinery/pkg/api/resource.Quantity</c>.
/// </summary>
/// <remarks>
/// <para>
/// Parsing keeps the exact value (no floating point), rounds any non-zero magnitude up to a multiple
/// of 10^-9 (so "0.1n" asks for 1n, not nothing), caps binary-suffixed values at 2^63 − 1, and
/// remembers the format so that <see cref="ToString"/> gives Kubernetes' canonical form ("1.5" prints
/// as "1500m", "1.5Gi" as "1536Mi").
/// </para>
/// <para>
/// The simulator works in integers: <see cref="TryGetValue"/> (bytes, counts) and
/// <see cref="TryGetMilliValue"/> (milli-CPU, milli-GPU) round up away from zero, as Kubernetes'
/// <c>Value()</c> and <c>MilliValue()</c> do, and report values that do not fit in 64 bits instead of
/// wrapping. (For negative amounts that need rounding, Kubernetes' big-decimal path rounds toward
/// positive infinity instead; negative amounts are not valid resource amounts, so this never matters
/// to a simulation.)
/// </para>
/// </remarks>
public readonly struct Quantity : IEquatable<Quantity>, IComparable<Quantity>
{
    /// <summary>The longest text accepted: far beyond any real quantity, short enough to parse in bounded time.</summary>
    public const int MaxLength = 256;

    private const int NanoExponent = -9;
    private static readonly BigInteger MaxBinary = long.MaxValue;

    // The value is _unscaled × 10^_exponent.
    private readonly BigInteger _unscaled;
    private readonly int _exponent;

    private Quantity(BigInteger unscaled, int exponent, QuantityFormat format)
    {
        _unscaled = unscaled;
        _exponent = exponent;
        Format = format;
    }

    /// <summary>The format the quantity was written in; it decides how it prints.</summary>
    public QuantityFormat Format { get; }

    /// <summary>−1, 0 or 1.</summary>
    public int Sign => _unscaled.Sign;

    /// <summary>True when the amount is zero.</summary>
    public bool IsZero => _unscaled.IsZero;

    /// <summary>An integer amount, printed in <paramref name="format"/>.</summary>
    public static Quantity FromInteger(long value, QuantityFormat format = QuantityFormat.DecimalSI) => new(value, 0, format);

    /// <summary>An amount in thousandths (milli-CPU), printed in decimal SI.</summary>
    public static Quantity FromMilli(long milliValue) => new(milliValue, -3, QuantityFormat.DecimalSI);

    /// <summary>
    /// <c>unscaled × 10^exponent</c>, exactly, printed in <paramref name="format"/>; for tests and
    /// callers that build amounts directly.
    /// </summary>
    public static Quantity FromScaled(BigInteger unscaled, int exponent, QuantityFormat format) => new(unscaled, exponent, format);

    /// <summary>Parses <paramref name="text"/> as Kubernetes does.</summary>
    /// <exception cref="FormatException">With a message that names the text and says what was expected.</exception>
    public static Quantity Parse(string text) =>
        TryParse(text, out var quantity, out var error) ? quantity : throw new FormatException(error);

    /// <summary>
    /// Parses <paramref name="text"/> as Kubernetes does: <c>[+-]digits[.digits][suffix]</c> where the
    /// suffix is one of n u m k M G T P E, Ki Mi Gi Ti Pi Ei, or an exponent e/E followed by a signed
    /// integer. No whitespace is allowed.
    /// </summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="quantity">The amount, when the text is valid.</param>
    /// <param name="error">When the text is invalid: a message that quotes it and says what was expected.</param>
    public static bool TryParse(string? text, out Quantity quantity, out string error)
    {
        quantity = default;
        error = string.Empty;
        if (string.IsNullOrEmpty(text))
        {
            error = "quantity '' is empty; expected a number with an optional suffix, e.g. 100m, 1.5, 2Gi or 1e3";
            return false;
        }

        if (text.Length > MaxLength)
        {
            error = $"quantity '{text[..20]}…' is {text.Length:N0} characters long; at most {MaxLength} are accepted";
            return false;
        }

        if (!Scan(text, out var negative, out var integerDigits, out var fractionDigits, out var suffix))
        {
            error = $"quantity '{text}' is not a number with a suffix; expected e.g. 100m, 1.5, 2Gi or 1e3";
            return false;
        }

        if (!TryInterpretSuffix(suffix, out var binary, out var power, out var format))
        {
            error = $"quantity '{text}' has an unknown suffix '{suffix}'; expected one of n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei, or an exponent such as e3";
            return false;
        }

        var digits = string.Concat(integerDigits, fractionDigits);
        var unscaled = digits.Length == 0 ? BigInteger.Zero : BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        var exponent = -fractionDigits.Length;
        if (binary)
        {
            unscaled <<= power;
        }
        else
        {
            // The exponent of "1e2147483647" fits an int, but the sum may not: a long keeps it exact.
            var total = (long)exponent + power;
            if (total > int.MaxValue || total < int.MinValue)
            {
                error = $"quantity '{text}' has an exponent out of range";
                return false;
            }

            exponent = (int)total;
        }

        // Round the magnitude up to a whole number of nano-units: asking for any amount gets some.
        if (exponent < NanoExponent && !unscaled.IsZero)
        {
            var shift = NanoExponent - exponent;
            if (shift > 1_000)
            {
                unscaled = BigInteger.One; // far below one nano-unit: rounds up to exactly 1n
            }
            else
            {
                var divisor = BigInteger.Pow(10, shift);
                var quotient = BigInteger.DivRem(unscaled, divisor, out var remainder);
                unscaled = remainder.IsZero ? quotient : quotient + 1;
            }

            exponent = NanoExponent;
        }

        if (binary && ExceedsMaxBinary(unscaled, exponent))
        {
            (unscaled, exponent) = (MaxBinary, 0); // Kubernetes caps binary amounts at 2^63 - 1
        }

        if (binary && !unscaled.IsZero && IsBelowOne(unscaled, exponent))
        {
            format = QuantityFormat.DecimalSI; // a fraction of a unit has no binary suffix
        }

        quantity = new Quantity(negative ? -unscaled : unscaled, exponent, format);
        return true;
    }

    /// <summary>
    /// The amount rounded up (away from zero) to an integer, as Kubernetes' <c>Value()</c>; false when
    /// it does not fit in a <see cref="long"/>.
    /// </summary>
    public bool TryGetValue(out long value) => TryGetScaled(0, out value);

    /// <summary>
    /// The amount in thousandths rounded up (away from zero), as Kubernetes' <c>MilliValue()</c>;
    /// false when it does not fit in a <see cref="long"/>.
    /// </summary>
    public bool TryGetMilliValue(out long value) => TryGetScaled(-3, out value);

    /// <summary>Compares amounts (the format does not matter).</summary>
    public int CompareTo(Quantity other)
    {
        if (Sign != other.Sign)
        {
            return Sign.CompareTo(other.Sign);
        }

        if (Sign == 0)
        {
            return 0;
        }

        // Same sign: compare orders of magnitude first, so that "1e2000000000" never gets expanded.
        var order = Order();
        var otherOrder = other.Order();
        if (order != otherOrder)
        {
            return Sign * order.CompareTo(otherOrder);
        }

        var exponent = Math.Min(_exponent, other._exponent);
        return Align(exponent).CompareTo(other.Align(exponent));
    }

    /// <summary>Equal amounts are equal quantities, whatever their formats ("1Ki" equals "1024").</summary>
    public bool Equals(Quantity other) => CompareTo(other) == 0;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Quantity other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        if (_unscaled.IsZero)
        {
            return 0;
        }

        // Strip trailing decimal zeros so that equal amounts hash alike.
        var (unscaled, exponent) = (_unscaled, _exponent);
        while (BigInteger.Remainder(unscaled, 10).IsZero)
        {
            unscaled /= 10;
            exponent++;
        }

        return HashCode.Combine(unscaled, exponent);
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(Quantity left, Quantity right) => left.Equals(right);
    /// <summary>Inequality.</summary>
    public static bool operator !=(Quantity left, Quantity right) => !left.Equals(right);
    /// <summary>Less than.</summary>
    public static bool operator <(Quantity left, Quantity right) => left.CompareTo(right) < 0;
    /// <summary>Greater than.</summary>
    public static bool operator >(Quantity left, Quantity right) => left.CompareTo(right) > 0;
    /// <summary>Less than or equal.</summary>
    public static bool operator <=(Quantity left, Quantity right) => left.CompareTo(right) <= 0;
    /// <summary>Greater than or equal.</summary>
    public static bool operator >=(Quantity left, Quantity right) => left.CompareTo(right) >= 0;

    /// <summary>
    /// Kubernetes' canonical form: no fractional digits, the largest suffix that loses no precision,
    /// in the quantity's format ("1500m", "1536Mi", "1e3"); "0" for zero.
    /// </summary>
    public override string ToString() => QuantityFormatter.Canonical(_unscaled, _exponent, Format);

    private bool TryGetScaled(int targetExponent, out long value)
    {
        BigInteger scaled;
        if (_exponent >= targetExponent)
        {
            var shift = (long)_exponent - targetExponent;
            if (_unscaled.IsZero)
            {
                value = 0;
                return true;
            }

            if (shift > 40)
            {
                value = 0;
                return false;
            }

            scaled = _unscaled * BigInteger.Pow(10, (int)shift);
        }
        else
        {
            var shift = (long)targetExponent - _exponent;
            if (shift > 1_000)
            {
                value = _unscaled.Sign; // a tiny non-zero amount rounds up to one unit
                return true;
            }

            var quotient = BigInteger.DivRem(_unscaled, BigInteger.Pow(10, (int)shift), out var remainder);
            scaled = remainder.IsZero ? quotient : quotient + _unscaled.Sign;
        }

        if (scaled > long.MaxValue || scaled < long.MinValue)
        {
            value = 0;
            return false;
        }

        value = (long)scaled;
        return true;
    }

    private BigInteger Align(int exponent) => _unscaled * BigInteger.Pow(10, _exponent - exponent);

    /// <summary>The decimal order of magnitude: digits of the unscaled value plus the exponent.</summary>
    private long Order() => (long)BigInteger.Abs(_unscaled).ToString(CultureInfo.InvariantCulture).Length + _exponent;

    private static bool ExceedsMaxBinary(BigInteger unscaled, int exponent) =>
        exponent >= 0
            ? exponent > 19 || unscaled * BigInteger.Pow(10, exponent) > MaxBinary
            : unscaled > MaxBinary * BigInteger.Pow(10, -exponent);

    private static bool IsBelowOne(BigInteger unscaled, int exponent) =>
        exponent < 0 && BigInteger.Abs(unscaled) < BigInteger.Pow(10, -exponent);

    /// <summary>
    /// Splits <c>[+-]digits[.digits]suffix</c> as Kubernetes' scanner does: the suffix is any run of
    /// the letters "eEinumkKMGTP", then an optional sign, then digits to the end.
    /// </summary>
    private static bool Scan(string text, out bool negative, out string integerDigits, out string fractionDigits, out string suffix)
    {
        negative = false;
        integerDigits = fractionDigits = suffix = string.Empty;
        var position = 0;
        if (text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            position++;
        }

        var start = position;
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        integerDigits = text[start..position];
        if (position < text.Length && text[position] == '.')
        {
            position++;
            start = position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            fractionDigits = text[start..position];
        }

        var suffixStart = position;
        while (position < text.Length && "eEinumkKMGTP".Contains(text[position], StringComparison.Ordinal))
        {
            position++;
        }

        if (position < text.Length && text[position] is '+' or '-')
        {
            position++;
        }

        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        suffix = text[suffixStart..];
        return position == text.Length;
    }

    private static bool TryInterpretSuffix(string suffix, out bool binary, out int power, out QuantityFormat format)
    {
        binary = false;
        format = QuantityFormat.DecimalSI;
        power = suffix switch
        {
            "" => 0,
            "n" => -9,
            "u" => -6,
            "m" => -3,
            "k" => 3,
            "M" => 6,
            "G" => 9,
            "T" => 12,
            "P" => 15,
            "E" => 18,
            _ => int.MinValue,
        };
        if (power != int.MinValue)
        {
            return true;
        }

        power = suffix switch
        {
            "Ki" => 10,
            "Mi" => 20,
            "Gi" => 30,
            "Ti" => 40,
            "Pi" => 50,
            "Ei" => 60,
            _ => int.MinValue,
        };
        if (power != int.MinValue)
        {
            binary = true;
            format = QuantityFormat.BinarySI;
            return true;
        }

        // An exponent: e or E, then an integer within ±(2^31 − 1).
        format = QuantityFormat.DecimalExponent;
        if (suffix.Length > 1 && suffix[0] is 'e' or 'E'
            && long.TryParse(suffix.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent)
            && exponent is >= -int.MaxValue and <= int.MaxValue)
        {
            power = (int)exponent;
            return true;
        }

        power = 0;
        return false;
    }
}
