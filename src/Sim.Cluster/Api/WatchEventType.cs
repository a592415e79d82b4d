namespace Sim.Cluster.Api;

/// <summary>What happened to an object, as a watch reports it.</summary>
public enum WatchEventType
{
    /// <summary>It was created, or it entered the watch's selection.</summary>
    Added,

    /// <summary>It changed and stays in the selection.</summary>
    Modified,

    /// <summary>It was deleted, or it left the watch's selection.</summary>
    Deleted,
}
