using System.Collections.Immutable;
using Sim.Cluster.Labels;
using Sim.Metrics.Replication;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Scenarios.Format;

/// <summary>Reads <c>traffic</c>: request rates for the Services that rules select.</summary>
internal static class TrafficReader
{
    /// <summary>The label the workload driver puts on a workload's objects (<c>WorkloadDriver.WorkloadLabel</c>).</summary>
    private const string WorkloadLabel = Workloads.WorkloadDriver.WorkloadLabel;

    /// <summary>The rules, or null after an error in any.</summary>
    public static ImmutableArray<ServiceTraffic>? ReadAll(Binder b, YamlNode node, string path)
    {
        if (b.Items(node, path, "a list of traffic rules such as {workload: web, rate: 20/s}") is not { } items)
        {
            return null;
        }

        var rules = ImmutableArray.CreateBuilder<ServiceTraffic>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (Read(b, items[i], $"{path}[{i}]") is { } rule)
            {
                rules.Add(rule);
            }
        }

        return rules.Count == items.Count ? rules.ToImmutable() : null;
    }

    private static ServiceTraffic? Read(Binder b, YamlNode node, string path)
    {
        if (b.Fields(node, path, ScenarioFields.TrafficRule, "a traffic rule: a mapping with rate and workload, selector, namespace or service") is not { } fields)
        {
            return null;
        }

        var rate = b.Required(fields, "rate", "requests per second to each selected Service, e.g. 20/s") is { } rateNode ? b.Rate(rateNode, fields.PathOf("rate"), positive: false) : null;
        var requirements = new List<string>();
        var ok = true;
        if (fields["workload"] is { } workloadNode)
        {
            var workload = Values.DnsLabel(b, workloadNode, fields.PathOf("workload"));
            ok &= workload is not null;
            if (workload is not null)
            {
                requirements.Add($"{WorkloadLabel}={workload}");
            }
        }

        if (fields["selector"] is { } selectorNode)
        {
            var text = b.Text(selectorNode, fields.PathOf("selector"), "a label selector such as tier=web");
            ok &= text is not null;
            if (text is not null)
            {
                if (LabelSelector.TryParse(text, out _, out var error))
                {
                    requirements.Add(text);
                }
                else
                {
                    b.Error(selectorNode.Start, $"{fields.PathOf("selector")}: {error}");
                    ok = false;
                }
            }
        }

        var ns = fields["namespace"] is { } nsNode ? Values.DnsLabel(b, nsNode, fields.PathOf("namespace")) : null;
        var service = fields["service"] is { } serviceNode ? Values.DnsLabel(b, serviceNode, fields.PathOf("service")) : null;
        ok &= (ns is not null || !fields.Has("namespace")) && (service is not null || !fields.Has("service"));
        if (!ok || rate is null)
        {
            return null;
        }

        return new ServiceTraffic
        {
            Selector = requirements.Count == 0 ? LabelSelector.Everything : LabelSelector.Parse(string.Join(",", requirements)),
            Namespace = ns,
            Name = service,
            RatePerSecond = rate.Value,
        };
    }
}
