using Sim.Cluster.Api;

namespace Sim.Scheduling;

/// <summary>
/// A pod held at Permit (upstream's <c>WaitingPod</c>): it is assumed on its node and its binding waits
/// until every Permit plugin that returned Wait allows it, one rejects it, or a plugin's wait times out.
/// </summary>
public sealed class WaitingPod
{
    private readonly HashSet<string> _pending;
    private readonly Action<WaitingPod, Status> _done;

    internal WaitingPod(PodInfo pod, string nodeName, IEnumerable<string> pendingPlugins, Action<WaitingPod, Status> done)
    {
        Pod = pod;
        NodeName = nodeName;
        _pending = new HashSet<string>(pendingPlugins, StringComparer.Ordinal);
        _done = done;
    }

    /// <summary>The pod.</summary>
    public PodInfo Pod { get; }

    /// <summary>The node it is assumed on.</summary>
    public string NodeName { get; }

    /// <summary>The Permit plugins it still waits for, sorted.</summary>
    public IReadOnlyList<string> PendingPlugins => [.. _pending.Order(StringComparer.Ordinal)];

    /// <summary>True once allowed or rejected.</summary>
    public bool IsDone { get; private set; }

    /// <summary><paramref name="plugin"/> allows the pod; when no plugin is left, the binding proceeds.</summary>
    public void Allow(string plugin)
    {
        if (IsDone || !_pending.Remove(plugin) || _pending.Count != 0)
        {
            return;
        }

        IsDone = true;
        _done(this, Status.Success);
    }

    /// <summary><paramref name="plugin"/> rejects the pod: it is un-assumed and requeued as unschedulable.</summary>
    public void Reject(string plugin, string message)
    {
        if (IsDone)
        {
            return;
        }

        IsDone = true;
        _done(this, Status.Unschedulable(message).WithPlugin(plugin));
    }
}

/// <summary>The pods waiting at Permit, by pod key.</summary>
public sealed class WaitingPods
{
    private readonly SortedDictionary<ObjectKey, WaitingPod> _pods = [];

    /// <summary>The waiting pods, in key order.</summary>
    public IEnumerable<WaitingPod> All => _pods.Values;

    /// <summary>The waiting pod at <paramref name="key"/>, or null.</summary>
    public WaitingPod? Get(ObjectKey key) => _pods.GetValueOrDefault(key);

    internal void Add(WaitingPod pod) => _pods[pod.Pod.Pod.Key] = pod;

    internal void Remove(ObjectKey key) => _pods.Remove(key);
}
