using Sim.Cluster.Labels;
using Sim.Cluster.Resources;

namespace Sim.Scheduling.Plugins.NodeResourcesFit;

/// <summary>
/// Upstream's classification of resource names as the scheduler uses it (<c>schedutil.IsScalarResourceName</c>,
/// <c>v1helper.IsExtendedResourceName</c>): only scalar names take part in the fit check and in scoring
/// besides cpu, memory and ephemeral-storage.
/// </summary>
internal static class SchedulerResourceNames
{
    private const string PrefixedNativeMarker = "kubernetes.io/";
    private const string RequestsPrefix = "requests.";
    private const string AttachableVolumesPrefix = "attachable-volumes-";

    /// <summary>Extended, huge-page, <c>kubernetes.io/</c>-prefixed native and attachable-volume resources.</summary>
    public static bool IsScalarResourceName(string name) =>
        IsExtendedResourceName(name)
        || name.StartsWith(ResourceNames.HugePagesPrefix, StringComparison.Ordinal)
        || name.Contains(PrefixedNativeMarker, StringComparison.Ordinal)
        || name.StartsWith(AttachableVolumesPrefix, StringComparison.Ordinal);

    /// <summary>
    /// A name with a domain outside <c>kubernetes.io</c> that, as <c>requests.&lt;name&gt;</c>, is a valid
    /// qualified name (e.g. <c>nvidia.com/gpu</c>).
    /// </summary>
    public static bool IsExtendedResourceName(string name)
    {
        if (!name.Contains('/', StringComparison.Ordinal) || name.Contains(PrefixedNativeMarker, StringComparison.Ordinal)
            || name.StartsWith(RequestsPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        return LabelValidation.KeyProblem(RequestsPrefix + name) is null;
    }
}
