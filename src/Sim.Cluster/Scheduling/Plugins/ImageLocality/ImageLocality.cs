using Sim.Cluster.Objects;

namespace Sim.Scheduling.Plugins.ImageLocality;

/// <summary>
/// Prefers nodes that already hold the pod's images (init containers included), by the images' total
/// size, each scaled by the share of nodes that hold it so that popular images do not pull every pod to
/// the same nodes. The default profile weighs its score 1.
/// </summary>
/// <remarks>
/// <para>Upstream: <c>pkg/scheduler/framework/plugins/imagelocality/image_locality.go</c>.</para>
/// <para>
/// Upstream has no PreScore here; Sim adds one that normalizes the pod's image names once, so Score
/// allocates nothing. It never skips, so the scores are upstream's.
/// </para>
/// </remarks>
public sealed class ImageLocality : IPreScorePlugin, IBatchScorePlugin, IUniformScorePlugin
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "ImageLocality";

    /// <summary>Summed image sizes below this score 0 (23 MiB).</summary>
    public const long MinThreshold = 23 * Mb;

    /// <summary>Per container, summed image sizes above this score 100 (1000 MiB).</summary>
    public const long MaxContainerThreshold = 1000 * Mb;

    private const long Mb = 1024 * 1024;

    private static readonly StateKey<PreScoreState> PreScoreKey = new("PreScore" + PluginName);

    private readonly IFrameworkHandle _handle;

    /// <summary>A plugin that counts nodes in <paramref name="handle"/>'s snapshot.</summary>
    public ImageLocality(IFrameworkHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        _handle = handle;
    }

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        state.Write(PreScoreKey, PreScoreState.Of(pod.Pod.Spec));
        return Status.Success;
    }

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);

        // Without PreScore (only when called directly), normalize the names here.
        var images = (state.Read(PreScoreKey) ?? PreScoreState.Of(pod.Pod.Spec)).Images;
        var imageStates = node.ImageStates;
        if (imageStates.Count == 0)
        {
            // No image on the node: nothing to look up (and no string hashing per node).
            return CalculatePriority(0, images.Length);
        }

        var totalNumNodes = _handle.Snapshot.NumNodes;
        long sum = 0;
        foreach (var image in images)
        {
            if (imageStates.TryGetValue(image, out var imageState))
            {
                sum += ScaledImageScore(imageState, totalNumNodes);
            }
        }

        return CalculatePriority(sum, images.Length);
    }

    /// <inheritdoc />
    public void ScoreNodes(CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> nodes, Span<long> scores)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        var images = (state.Read(PreScoreKey) ?? PreScoreState.Of(pod.Pod.Spec)).Images;
        var none = CalculatePriority(0, images.Length);
        if ((state.Facts & SnapshotFacts.NoImages) != 0)
        {
            scores[..nodes.Length].Fill(none);
            return;
        }

        for (var i = 0; i < nodes.Length; i++)
        {
            scores[i] = nodes[i].ImageStates.Count == 0 ? none : Score(state, pod, nodes[i]);
        }
    }

    /// <summary>With no image on any node every node scores as one without the pod's images.</summary>
    bool IUniformScorePlugin.TryUniformScore(CycleState state, PodInfo pod, out long score)
    {
        score = 0;
        if ((state.Facts & SnapshotFacts.NoImages) == 0)
        {
            return false;
        }

        score = CalculatePriority(0, (state.Read(PreScoreKey) ?? PreScoreState.Of(pod.Pod.Spec)).Images.Length);
        return true;
    }

    /// <summary>
    /// Upstream's <c>calculatePriority</c>: the summed score clamped to [23 MiB, 1000 MiB × containers]
    /// and scaled to 0..100 with integer division.
    /// </summary>
    public static long CalculatePriority(long sumScores, int numContainers)
    {
        var maxThreshold = MaxContainerThreshold * numContainers;
        if (sumScores < MinThreshold)
        {
            sumScores = MinThreshold;
        }
        else if (sumScores > maxThreshold)
        {
            sumScores = maxThreshold;
        }

        return Helper.NormalizeScore.MaxNodeScore * (sumScores - MinThreshold) / (maxThreshold - MinThreshold);
    }

    /// <summary>An image's size scaled by the share of nodes holding it, in float64 as upstream's <c>scaledImageScore</c>.</summary>
    private static long ScaledImageScore(ImageStateSummary image, int totalNumNodes)
    {
        var spread = (double)image.NumNodes / totalNumNodes;
        return (long)(image.Size * spread);
    }

    /// <summary>The normalized image names of the init containers, then the containers (one per container, repeats kept).</summary>
    private sealed class PreScoreState : IStateData
    {
        private PreScoreState(string[] images) => Images = images;

        public string[] Images { get; }

        public static PreScoreState Of(PodSpec spec)
        {
            var images = new string[spec.InitContainers.Length + spec.Containers.Length];
            var i = 0;
            foreach (var container in spec.InitContainers)
            {
                images[i++] = ImageStateSummary.Normalize(container.Image ?? string.Empty);
            }

            foreach (var container in spec.Containers)
            {
                images[i++] = ImageStateSummary.Normalize(container.Image ?? string.Empty);
            }

            return new PreScoreState(images);
        }

        public IStateData Clone() => this;
    }
}
