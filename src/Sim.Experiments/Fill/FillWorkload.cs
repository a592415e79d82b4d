using Sim.Cluster.Gpu;
using Sim.Cluster.Objects;
using Sim.Engine.Randomness;

namespace Sim.Experiments.Fill;

/// <summary>The preparation of a fill run (fgd-method.md §3): the pods' arrival order with clones, and the nodes' names and search order.</summary>
internal static class FillWorkload
{
    /// <summary>
    /// The arrivals: <paramref name="workload"/> (sorted by name) shuffled as Go's <c>rand.Shuffle</c> does
    /// (Fisher–Yates from the end), then tuned to <see cref="FillOptions.TargetRatio"/> of
    /// <paramref name="capacity"/> as the simulator's <c>TunePodsByNodeTotalResource</c>: while below,
    /// clones of pods drawn with replacement from the sorted list are appended, named <c>NAME-tuned-K</c>,
    /// until the next one would pass the target (the test adds the clone's milli-GPU per GPU, not its
    /// total: upstream's quirk, so a multi-GPU clone can overshoot); while above, random pods are dropped.
    /// </summary>
    public static List<Pod> Arrivals(IReadOnlyList<Pod> workload, long capacity, FillOptions options, RandomStreams streams)
    {
        var arrivals = new List<Pod>(workload);
        if (options.Shuffle)
        {
            var random = streams.For("shuffle");
            for (var i = arrivals.Count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (arrivals[i], arrivals[j]) = (arrivals[j], arrivals[i]);
            }
        }

        if (options.TargetRatio <= 0 || workload.Count == 0)
        {
            return arrivals;
        }

        long total = 0;
        foreach (var pod in arrivals)
        {
            total += GpuRequest.Of(pod).TotalMilli;
        }

        var target = options.TargetRatio * capacity;
        var tune = streams.For("inflate");
        if (total < target)
        {
            for (var k = 0; ; k++)
            {
                var original = workload[tune.Next(workload.Count)];
                var request = GpuRequest.Of(original);
                if (total + request.MilliPerGpu > target)
                {
                    break;
                }

                total += request.TotalMilli;
                arrivals.Add(original with { Metadata = original.Metadata with { Name = $"{original.Metadata.Name}-tuned-{k}" } });
            }
        }
        else
        {
            while (total > target && arrivals.Count > 0)
            {
                var index = tune.Next(arrivals.Count);
                total -= GpuRequest.Of(arrivals[index]).TotalMilli;
                arrivals.RemoveAt(index);
            }
        }

        return arrivals;
    }

    /// <summary>
    /// The nodes in search order with their original names: sorted by name, each renamed
    /// <c>PPPP-name</c> with the prefix from a random permutation (Go's <c>rand.Perm</c> algorithm), and
    /// ordered by the new names, so the permutation decides the order; as given when not renaming.
    /// </summary>
    public static List<(Node Node, string Original)> Nodes(IReadOnlyList<Node> nodes, FillOptions options, RandomStreams streams)
    {
        var sorted = nodes.OrderBy(n => n.Metadata.Name, StringComparer.Ordinal).ToList();
        if (!options.RenameNodes)
        {
            return [.. nodes.Select(n => (n, n.Metadata.Name))];
        }

        var random = streams.For("node-names");
        var permutation = new int[sorted.Count];
        for (var i = 0; i < permutation.Length; i++)
        {
            var j = random.Next(i + 1);
            permutation[i] = permutation[j];
            permutation[j] = i;
        }

        var renamed = new List<(Node Node, string Original)>(sorted.Count);
        for (var i = 0; i < sorted.Count; i++)
        {
            var node = sorted[i];
            var name = $"{permutation[i]:D4}-{node.Metadata.Name}";
            renamed.Add((node with { Metadata = node.Metadata with { Name = name } }, node.Metadata.Name));
        }

        renamed.Sort(static (a, b) => string.CompareOrdinal(a.Node.Metadata.Name, b.Node.Metadata.Name));
        return renamed;
    }
}
