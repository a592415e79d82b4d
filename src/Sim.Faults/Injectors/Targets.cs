using System.Collections.Immutable;

namespace Sim.Faults.Injectors;

/// <summary>Chooses the nodes of a <see cref="TargetedNodeFault"/>.</summary>
internal static class Targets
{
    /// <summary>
    /// The named nodes (in the order given); else the selected nodes (in name order), or
    /// <see cref="TargetedNodeFault.Count"/> of them drawn without replacement from the stream
    /// <c>faults/NAME/targets</c> (a partial Fisher–Yates shuffle), returned in name order.
    /// </summary>
    public static ImmutableArray<string> Choose(FaultInjector host, TargetedNodeFault fault, ImmutableArray<string> nodes)
    {
        if (!fault.Nodes.IsEmpty)
        {
            return fault.Nodes;
        }

        var candidates = nodes.Where(n => host.Selected(n, fault.NodeSelector)).ToArray();
        if (fault.Count is not { } count || count >= candidates.Length)
        {
            return [.. candidates];
        }

        var random = host.StreamsOf(fault.Name).For("targets");
        for (var i = 0; i < count; i++)
        {
            var j = i + random.Next(candidates.Length - i);
            (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
        }

        return [.. candidates.Take(count).Order(StringComparer.Ordinal)];
    }
}
