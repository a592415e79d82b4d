using System.Globalization;
using System.Text.RegularExpressions;
using Sim.Kubernetes.Yaml;

namespace Sim.Experiments.Scenarios.Format;

/// <summary>Parses the texts of durations, rates, quantities and numbers; messages say what was expected.</summary>
internal static partial class Units
{
    public const string DurationExamples = "90s, 10m, 2h, 1h30m or 1d";

    public const string RateExamples = "2/min, 60/h or 0.5/s";

    /// <summary>The longest duration a <see cref="TimeSpan"/> holds, in the format's own terms.</summary>
    public const string MaxDurationText = "10675199d";

    private static readonly (string Suffix, long Ticks)[] DurationUnits =
        [("ms", TimeSpan.TicksPerMillisecond), ("s", TimeSpan.TicksPerSecond), ("m", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour), ("d", TimeSpan.TicksPerDay)];

    /// <summary>The outcome of reading a duration or a rate.</summary>
    public enum Status
    {
        Ok,
        Invalid,
        TooLarge,
    }

    /// <summary>
    /// A duration: one or more number-unit pairs (<c>1h30m</c>, <c>1.5h</c>, <c>500ms</c>; units ms, s,
    /// m, h, d) or a bare number of seconds, with an optional sign; rounded to 100 ns ticks.
    /// </summary>
    public static Status TryDuration(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        double ticks;
        var negative = text.StartsWith('-');
        var body = text.StartsWith('-') || text.StartsWith('+') ? text[1..] : text;
        if (Scalars.IsFloat(body) && !body.StartsWith('-') && !body.StartsWith('+'))
        {
            ticks = double.Parse(body, NumberStyles.Float, CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond;
        }
        else if (DurationPattern().IsMatch(body))
        {
            ticks = 0;
            foreach (Match part in DurationPart().Matches(body))
            {
                var number = double.Parse(part.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
                ticks += number * DurationUnits.First(u => u.Suffix == part.Groups[2].Value).Ticks;
            }
        }
        else
        {
            return Status.Invalid;
        }

        if (!(Math.Round(ticks) <= TimeSpan.MaxValue.Ticks))
        {
            return Status.TooLarge;
        }

        value = TimeSpan.FromTicks((long)Math.Round(ticks));
        if (negative)
        {
            value = -value;
        }

        return Status.Ok;
    }

    /// <summary>A rate: a number, a slash and a time unit (<c>2/min</c>, <c>60/h</c>, <c>0.5/s</c>, <c>3/d</c>), in events per second.</summary>
    public static Status TryRate(string text, out double perSecond)
    {
        perSecond = 0;
        var match = RatePattern().Match(text);
        if (!match.Success)
        {
            return Status.Invalid;
        }

        var number = double.Parse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        var seconds = match.Groups[2].Value switch
        {
            "s" => 1.0,
            "min" => 60.0,
            "h" => 3600.0,
            _ => 86400.0,
        };
        perSecond = number / seconds;
        return double.IsFinite(perSecond) ? Status.Ok : Status.TooLarge;
    }

    /// <summary>A plain number (YAML integer or float, any sign); false for anything else.</summary>
    public static bool TryNumber(string text, out double value)
    {
        value = 0;
        if (Scalars.TryInteger(text, out var integer))
        {
            value = integer;
            return true;
        }

        return Scalars.IsFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// A quantity in <paramref name="unit"/> (<see cref="Unit.MilliCpu"/> or <see cref="Unit.Bytes"/>),
    /// read as Kubernetes reads resource amounts; null with a message when it is not a non-negative amount that fits.
    /// </summary>
    public static double? Quantity(string text, Unit unit, out string error)
    {
        error = string.Empty;
        if (!Cluster.Resources.Quantity.TryParse(text, out var quantity, out error))
        {
            return null;
        }

        if (quantity.Sign < 0)
        {
            error = $"'{text}' is negative; expected a non-negative amount";
            return null;
        }

        var cpu = unit == Unit.MilliCpu;
        if (!(cpu ? quantity.TryGetMilliValue(out var value) : quantity.TryGetValue(out value)))
        {
            error = $"'{text}' is too large; expected at most {(cpu ? "9223372036854775.807" : "9223372036854775807")}";
            return null;
        }

        return value;
    }

    /// <summary>What a value in <paramref name="unit"/> looks like, for "expected …" messages.</summary>
    public static string Expected(Unit unit) => unit switch
    {
        Unit.Seconds => $"a duration such as {DurationExamples}",
        Unit.MilliCpu => "a CPU quantity such as 500m or 2",
        Unit.Bytes => "a memory quantity such as 512Mi or 2Gi",
        Unit.Gpus => "a GPU amount such as 0.5, 500m or 2",
        _ => "a number",
    };

    /// <summary>
    /// The amount <paramref name="text"/> writes in <paramref name="unit"/>, as the model holds it
    /// (seconds, milli-CPU, bytes, GPUs or a plain number), or null with the message after the field
    /// path (<c>expected …, got "…"</c>): negative amounts are refused except plain numbers, and every
    /// amount must fit.
    /// </summary>
    public static double? Amount(string text, Unit unit, out string error)
    {
        error = string.Empty;
        switch (unit)
        {
            case Unit.Seconds:
                switch (TryDuration(text, out var duration))
                {
                    case Status.Invalid:
                        error = $"expected {Expected(unit)}, got \"{text}\"";
                        return null;
                    case Status.TooLarge:
                        error = $"expected a duration of at most {MaxDurationText}, got \"{text}\"";
                        return null;
                }

                if (duration < TimeSpan.Zero)
                {
                    error = $"expected a duration that is not negative, got \"{text}\"";
                    return null;
                }

                return duration.TotalSeconds;
            case Unit.MilliCpu or Unit.Bytes:
                return Quantity(text, unit, out error);
            case Unit.Gpus:
                return Quantity(text, Unit.MilliCpu, out error) is { } milli ? milli / 1000 : null;
            default:
                if (!TryNumber(text, out var value))
                {
                    error = $"expected a number, got \"{text}\"";
                    return null;
                }

                if (!double.IsFinite(value))
                {
                    error = $"expected a finite number, got \"{text}\"";
                    return null;
                }

                if (unit == Unit.Count && value < 0)
                {
                    error = $"expected a number that is not negative, got \"{text}\"";
                    return null;
                }

                return value;
        }
    }

    /// <summary>Formats a duration the way the format writes it (<c>1h30m</c>, <c>45s</c>, <c>250ms</c>).</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new System.Text.StringBuilder(value < TimeSpan.Zero ? "-" : string.Empty);
        var ticks = Math.Abs(value.Ticks);
        foreach (var (suffix, unit) in Enumerable.Reverse(DurationUnits))
        {
            var count = ticks / unit;
            if (count > 0)
            {
                text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(suffix);
                ticks -= count * unit;
            }
        }

        if (ticks > 0)
        {
            text.Append((ticks / (double)TimeSpan.TicksPerMillisecond).ToString("0.####", CultureInfo.InvariantCulture)).Append("ms");
        }

        return text.ToString();
    }

    [GeneratedRegex(@"^([0-9]+(\.[0-9]+)?(ms|s|m|h|d))+$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(ms|s|m|h|d)", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPart();

    [GeneratedRegex(@"^([-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)\s*/\s*(s|min|h|d)$", RegexOptions.CultureInvariant)]
    private static partial Regex RatePattern();
}
