using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Sim.Cluster.Objects;

/// <summary>
/// The deployment controller's template fingerprint, standing in for upstream's
/// <c>pod-template-hash</c>: 32-bit FNV-1a over a canonical text of the template, written in decimal
/// and encoded with upstream's <c>rand.SafeEncodeString</c> alphabet (no vowels, no confusable digits).
/// </summary>
/// <remarks>
/// The canonical text lists every template field explicitly, labels and node selector sorted
/// ordinally, numbers in the invariant culture, and leaves out the <see cref="LabelKey"/> label, so
/// equal templates give equal texts and equal fingerprints in every process (no
/// <c>string.GetHashCode</c>, whose seed .NET randomizes). Template equality
/// (<see cref="EqualIgnoringHash"/>) compares the texts, so a fingerprint collision can never make two
/// different templates look equal; the collision counter upstream adds to the hash is not modelled.
/// </remarks>
public static class PodTemplateHash
{
    /// <summary>The label a Deployment adds to its ReplicaSets' selectors, templates and pods.</summary>
    public const string LabelKey = "pod-template-hash";

    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>The fingerprint of <paramref name="template"/>, e.g. <c>7d4b9c8f5</c>.</summary>
    public static string Compute(PodTemplate template)
    {
        var text = CanonicalText(template);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }

        var digits = hash.ToString(CultureInfo.InvariantCulture);
        var encoded = new StringBuilder(digits.Length);
        foreach (var c in digits)
        {
            encoded.Append(SafeAlphabet[c % SafeAlphabet.Length]);
        }

        return encoded.ToString();
    }

    /// <summary>True when the templates are equal apart from their <see cref="LabelKey"/> label (upstream's <c>EqualIgnoreHash</c>).</summary>
    public static bool EqualIgnoringHash(PodTemplate a, PodTemplate b) =>
        string.Equals(CanonicalText(a), CanonicalText(b), StringComparison.Ordinal);

    /// <summary>The canonical text the fingerprint and equality are computed from.</summary>
    /// <remarks>
    /// Templates are immutable, so the text is kept per template instance (weakly): a Deployment's
    /// sync compares its template with every ReplicaSet's, which carry the same instances from one
    /// version to the next.
    /// </remarks>
    public static string CanonicalText(PodTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return Texts.GetValue(template, static t => BuildCanonicalText(t));
    }

    private static readonly ConditionalWeakTable<PodTemplate, string> Texts = [];

    private static string BuildCanonicalText(PodTemplate template)
    {
        var text = new StringBuilder();
        var labels = template.Labels.Remove(LabelKey);
        AppendMap(text, "labels", labels);
        if (template.Annotations.Count != 0)
        {
            // Only when there are some, so that the fingerprints of templates without annotations stay as they were.
            AppendMap(text, "annotations", template.Annotations);
        }

        var spec = template.Spec;
        AppendContainers(text, "containers", spec.Containers);
        AppendContainers(text, "initContainers", spec.InitContainers);
        text.Append("overhead=").Append(spec.Overhead?.ToString() ?? "-").Append('\n');
        text.Append("nodeName=").Append(spec.NodeName).Append('\n');
        text.Append("schedulerName=").Append(spec.SchedulerName).Append('\n');
        text.Append("priority=").Append(spec.Priority.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("priorityClassName=").Append(spec.PriorityClassName).Append('\n');
        AppendMap(text, "nodeSelector", spec.NodeSelector);
        text.Append("tolerations=").Append(spec.Tolerations.Length.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var toleration in spec.Tolerations)
        {
            text.Append(' ').Append(toleration.Key).Append('|').Append(toleration.Operator.ToString()).Append('|')
                .Append(toleration.Value).Append('|').Append(toleration.Effect?.ToString() ?? "-").Append('|')
                .Append(toleration.TolerationSeconds?.ToString(CultureInfo.InvariantCulture) ?? "-").Append('\n');
        }

        text.Append("restartPolicy=").Append(spec.RestartPolicy.ToString()).Append('\n');
        text.Append("terminationGracePeriodTicks=").Append(spec.TerminationGracePeriod.Ticks.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return text.ToString();
    }

    private static void AppendMap(StringBuilder text, string name, ImmutableSortedDictionary<string, string> map)
    {
        text.Append(name).Append('=').Append(map.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var (key, value) in map)
        {
            text.Append(' ').Append(key).Append('=').Append(value).Append('\n');
        }
    }

    private static void AppendContainers(StringBuilder text, string name, ImmutableArray<Container> containers)
    {
        text.Append(name).Append('=').Append(containers.Length.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var container in containers)
        {
            text.Append(' ').Append(container.Name).Append('|').Append(container.Image ?? "-").Append('|')
                .Append(container.Requests.ToString()).Append('|').Append(container.Limits?.ToString() ?? "-").Append('|')
                .Append(container.RestartAlways ? "always" : "-");
            if (container.RunFor is { } runFor)
            {
                // Only when set, so that the fingerprints of templates without run times stay as they were.
                text.Append("|runFor=").Append(runFor.Ticks.ToString(CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }
    }
}
