using Sim.Workloads;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Scenarios.Format;

/// <summary>Reads an arrival process: a mapping with one of <c>poisson</c>, <c>fixed</c>, <c>mmpp</c> or <c>diurnal</c>.</summary>
internal static class Arrivals
{
    private static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(1);

    public static ArrivalProcess? Read(Binder b, YamlNode node, string path)
    {
        var names = ScenarioFields.Arrivals.Names;
        var what = $"an arrival process: a mapping with one of {Binder.OneOf(names)}";
        if (b.Fields(node, path, ScenarioFields.Arrivals, what,
            name => $"unknown arrival process \"{name}\"{Suggestions.Suggest(name, names)}; expected one of {Binder.OneOf(names)}") is not { } fields)
        {
            return null;
        }

        var kinds = names.Where(fields.Has).ToList();
        if (kinds.Count != 1)
        {
            if (!(kinds.Count == 0 && fields.HadUnknown))
            {
                b.Error(fields.Start, kinds.Count == 0
                    ? $"{path}: expected one of {Binder.OneOf(names)} (leave arrivals out for all items at the start)"
                    : $"{path}: expected one arrival process, got {Binder.OneOf(kinds).Replace(" or ", " and ", StringComparison.Ordinal)}");
            }

            return null;
        }

        var kindPath = $"{path}.{kinds[0]}";
        var value = fields[kinds[0]]!;
        return kinds[0] switch
        {
            "poisson" => Poisson(b, value, kindPath),
            "fixed" => Fixed(b, value, kindPath),
            "mmpp" => Mmpp(b, value, kindPath),
            _ => Diurnal(b, value, kindPath),
        };
    }

    private static ArrivalProcess? Poisson(Binder b, YamlNode node, string path)
    {
        if (b.Fields(node, path, ScenarioFields.Poisson, "a mapping with rate") is not { } fields
            || b.Required(fields, "rate", $"arrivals per unit of time, e.g. {Units.RateExamples}") is not { } rateNode)
        {
            return null;
        }

        return b.Rate(rateNode, $"{path}.rate", positive: true) is { } rate ? ArrivalProcess.Poisson(rate) : null;
    }

    private static ArrivalProcess? Fixed(Binder b, YamlNode node, string path)
    {
        if (b.Items(node, path, "a list of arrival times such as [0s, 10m]") is not { } items)
        {
            return null;
        }

        if (items.Count == 0)
        {
            b.Error(node.Start, $"{path}: expected at least one arrival time, got an empty list");
            return null;
        }

        var times = new List<TimeSpan>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (b.Duration(items[i], $"{path}[{i}]", positive: false) is { } time)
            {
                times.Add(time);
            }
        }

        return times.Count == items.Count ? ArrivalProcess.Fixed(times) : null;
    }

    private static ArrivalProcess? Mmpp(Binder b, YamlNode node, string path)
    {
        if (b.Fields(node, path, ScenarioFields.Mmpp, "a mapping with rates and sojourns") is not { } fields)
        {
            return null;
        }

        var ratesNode = b.Required(fields, "rates", "the arrival rate of each state, e.g. [10/min, 1/min]");
        var sojournsNode = b.Required(fields, "sojourns", "the mean time in each state, e.g. [5m, 30m]");
        var rateItems = ratesNode is null ? null : b.Items(ratesNode, $"{path}.rates", "a list of rates such as [10/min, 1/min]");
        var sojournItems = sojournsNode is null ? null : b.Items(sojournsNode, $"{path}.sojourns", "a list of durations such as [5m, 30m]");
        if (rateItems is null || sojournItems is null)
        {
            return null;
        }

        var rates = new List<double>();
        for (var i = 0; i < rateItems.Count; i++)
        {
            if (b.Rate(rateItems[i], $"{path}.rates[{i}]", positive: false) is { } rate)
            {
                rates.Add(rate);
            }
        }

        var sojourns = new List<TimeSpan>();
        for (var i = 0; i < sojournItems.Count; i++)
        {
            if (b.Duration(sojournItems[i], $"{path}.sojourns[{i}]", positive: true) is { } sojourn)
            {
                sojourns.Add(sojourn);
            }
        }

        if (rateItems.Count == 0)
        {
            b.Error(ratesNode!.Start, $"{path}.rates: expected at least one rate, got an empty list");
            return null;
        }

        if (rateItems.Count != sojournItems.Count)
        {
            b.Error(sojournsNode!.Start, $"{path}.sojourns: expected one mean sojourn per rate ({rateItems.Count}), got {sojournItems.Count}");
            return null;
        }

        if (rates.Count != rateItems.Count || sojourns.Count != sojournItems.Count)
        {
            return null;
        }

        if (rates.All(r => r == 0))
        {
            b.Error(ratesNode!.Start, $"{path}.rates: expected at least one positive rate, got only zeros");
            return null;
        }

        return ArrivalProcess.Mmpp(rates, sojourns);
    }

    private static ArrivalProcess? Diurnal(Binder b, YamlNode node, string path)
    {
        if (b.Fields(node, path, ScenarioFields.Diurnal, "a mapping with mean, amplitude, period and peak") is not { } fields)
        {
            return null;
        }

        var meanNode = b.Required(fields, "mean", $"the mean rate, e.g. {Units.RateExamples}");
        var amplitudeNode = b.Required(fields, "amplitude", "the relative swing around the mean, from 0 to 1");
        var mean = meanNode is null ? null : b.Rate(meanNode, $"{path}.mean", positive: true);
        var amplitude = amplitudeNode is null ? null : b.Amount(amplitudeNode, $"{path}.amplitude", Unit.Number);
        if (amplitude is > 1 or < 0)
        {
            b.Expected(amplitudeNode!, $"{path}.amplitude", "a number from 0 to 1");
            amplitude = null;
        }

        var period = fields["period"] is { } periodNode ? b.Duration(periodNode, $"{path}.period", positive: true) : DefaultPeriod;
        var peak = fields["peak"] is { } peakNode ? b.Duration(peakNode, $"{path}.peak", positive: false) : TimeSpan.Zero;
        return mean is { } m && amplitude is { } a && period is { } p && peak is { } k ? ArrivalProcess.Diurnal(m, a, p, k) : null;
    }
}
