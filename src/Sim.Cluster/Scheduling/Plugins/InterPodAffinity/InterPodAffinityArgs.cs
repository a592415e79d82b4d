using System.Globalization;

namespace Sim.Scheduling.Plugins.InterPodAffinity;

/// <summary>
/// The InterPodAffinity plugin's args (upstream's <c>InterPodAffinityArgs</c>; YAML fields
/// <c>hardPodAffinityWeight</c> and <c>ignorePreferredTermsOfExistingPods</c>).
/// </summary>
public sealed record InterPodAffinityArgs
{
    /// <summary>The smallest valid <see cref="HardPodAffinityWeight"/>.</summary>
    public const int MinHardPodAffinityWeight = 0;

    /// <summary>The largest valid <see cref="HardPodAffinityWeight"/>.</summary>
    public const int MaxHardPodAffinityWeight = 100;

    /// <summary>
    /// The score an existing pod's required affinity term adds to its topology domain when the incoming
    /// pod matches it (0 turns this off). Default 1.
    /// </summary>
    public int HardPodAffinityWeight { get; init; } = 1;

    /// <summary>
    /// When true, existing pods' affinity terms are not scored for an incoming pod without preferred
    /// (anti-)affinity terms: scoring is skipped for it. Default false.
    /// </summary>
    public bool IgnorePreferredTermsOfExistingPods { get; init; }

    /// <summary>Upstream's validation errors, with field paths under <paramref name="path"/> (empty for none).</summary>
    public IReadOnlyList<string> Validate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (HardPodAffinityWeight is < MinHardPodAffinityWeight or > MaxHardPodAffinityWeight)
        {
            var field = path.Length == 0 ? "hardPodAffinityWeight" : path + ".hardPodAffinityWeight";
            return
            [
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{field}: Invalid value: {HardPodAffinityWeight}: not in valid range [{MinHardPodAffinityWeight}-{MaxHardPodAffinityWeight}]"),
            ];
        }

        return [];
    }
}
