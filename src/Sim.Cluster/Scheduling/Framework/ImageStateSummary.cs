namespace Sim.Scheduling;

/// <summary>An image on a node, with how many nodes of the snapshot hold it (upstream's <c>ImageStateSummary</c>).</summary>
public sealed class ImageStateSummary
{
    /// <summary>The image's size in bytes.</summary>
    public long Size { get; internal set; }

    /// <summary>How many nodes have the image.</summary>
    public int NumNodes { get; internal set; }

    /// <summary>
    /// The image name as the scheduler compares it: a name without a tag or digest gets <c>:latest</c>
    /// (the last ':' must come after the last '/' to be a tag), as upstream's <c>normalizedImageName</c>.
    /// </summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.LastIndexOf(':') <= name.LastIndexOf('/'))
        {
            return name + ":latest";
        }

        return name;
    }
}
