namespace Sim.Scheduling.Plugins.TopologyIndex;

/// <summary>The four lists of pod affinity terms a pod has.</summary>
internal enum TermKind
{
    /// <summary><c>podAffinity.requiredDuringSchedulingIgnoredDuringExecution</c>.</summary>
    RequiredAffinity,

    /// <summary><c>podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution</c>.</summary>
    RequiredAntiAffinity,

    /// <summary><c>podAffinity.preferredDuringSchedulingIgnoredDuringExecution</c>.</summary>
    PreferredAffinity,

    /// <summary><c>podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution</c>.</summary>
    PreferredAntiAffinity,
}
