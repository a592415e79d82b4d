using System.Globalization;
using Sim.Cluster.Objects;

namespace Sim.Cluster.Gpu;

/// <summary>
/// What a pod asks of GPUs (from its <see cref="GpuAnnotations"/>): <see cref="Count"/> GPUs of
/// <see cref="MilliPerGpu"/> milli-GPU each, on a model <see cref="Models"/> allows. Either a share of one
/// GPU (count 1, less than 1000) or whole GPUs (1000 each); a pod without GPU annotations asks for none.
/// </summary>
/// <param name="Count">The number of GPUs; 0 for none.</param>
/// <param name="MilliPerGpu">Milli-GPU on each GPU (1–1000); 0 for none.</param>
/// <param name="Models">The allowed models separated by <c>|</c>; empty allows any.</param>
public readonly record struct GpuRequest(int Count, int MilliPerGpu, string Models)
{
    /// <summary>No GPU.</summary>
    public static GpuRequest None => new(0, 0, string.Empty);

    /// <summary>True when the pod asks for no GPU.</summary>
    public bool IsNone => Count == 0;

    /// <summary>True for a share of one GPU (count 1, less than 1000 milli-GPU).</summary>
    public bool IsShare => Count == 1 && MilliPerGpu < GpuAnnotations.MilliPerGpu;

    /// <summary>The whole request in milli-GPU: <see cref="Count"/> × <see cref="MilliPerGpu"/>.</summary>
    public long TotalMilli => (long)Count * MilliPerGpu;

    /// <summary>
    /// The pod's request; <see cref="None"/> when it has no GPU annotations or they are invalid (see
    /// <see cref="TryRead"/>, which says why).
    /// </summary>
    public static GpuRequest Of(Pod pod) => TryRead(pod, out var request, out _) ? request : None;

    /// <summary>
    /// Reads the pod's GPU annotations: none (both <see cref="GpuAnnotations.Milli"/> and
    /// <see cref="GpuAnnotations.Count"/> absent) is no GPU; otherwise milli must be an integer in 1..1000,
    /// count an integer of at least 1, and a count above 1 needs whole GPUs (1000). False with the reason
    /// when they are not.
    /// </summary>
    public static bool TryRead(Pod pod, out GpuRequest request, out string error)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var annotations = pod.Metadata.Annotations;
        request = None;
        error = string.Empty;
        var hasMilli = annotations.TryGetValue(GpuAnnotations.Milli, out var milliText);
        var hasCount = annotations.TryGetValue(GpuAnnotations.Count, out var countText);
        if (!hasMilli && !hasCount)
        {
            return true;
        }

        if (!int.TryParse(milliText, NumberStyles.None, CultureInfo.InvariantCulture, out var milli) || milli is < 1 or > GpuAnnotations.MilliPerGpu)
        {
            error = $"annotation {GpuAnnotations.Milli} must be an integer from 1 to {GpuAnnotations.MilliPerGpu}, got \"{milliText}\"";
            return false;
        }

        if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            error = $"annotation {GpuAnnotations.Count} must be an integer of at least 1, got \"{countText}\"";
            return false;
        }

        if (count > 1 && milli != GpuAnnotations.MilliPerGpu)
        {
            error = $"a pod asking for {count} GPUs must take them whole ({GpuAnnotations.Milli} {GpuAnnotations.MilliPerGpu}), got {milli}";
            return false;
        }

        request = new GpuRequest(count, milli, annotations.GetValueOrDefault(GpuAnnotations.Model) ?? string.Empty);
        return true;
    }

    /// <summary>
    /// Whether a node whose GPUs are <paramref name="nodeModel"/> is acceptable, as the FGD simulator's
    /// <c>IsNodeAccessibleToPodByType</c>: any node when the pod names no model; never a node without a
    /// model (no GPUs); else one of the named models (empty names between <c>|</c> are ignored).
    /// </summary>
    public bool AllowsModel(string nodeModel)
    {
        ArgumentNullException.ThrowIfNull(nodeModel);
        if (string.IsNullOrEmpty(Models))
        {
            return true;
        }

        if (nodeModel.Length == 0)
        {
            return false;
        }

        var named = 0;
        foreach (var range in Models.AsSpan().Split('|'))
        {
            var model = Models.AsSpan(range);
            if (model.Length == 0)
            {
                continue;
            }

            named++;
            if (model.SequenceEqual(nodeModel))
            {
                return true;
            }
        }

        return named == 0;
    }
}
