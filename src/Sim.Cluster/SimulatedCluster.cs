using Sim.Cluster.Api;
using Sim.Cluster.Controllers;
using Sim.Cluster.Events;
using Sim.Cluster.Nodes;
using Sim.Cluster.Objects;
using Sim.Engine;
using Sim.Engine.Randomness;

namespace Sim.Cluster;

/// <summary>
/// A simulated Kubernetes cluster: the API server, the controllers, the scheduler, and one kubelet
/// per node, all on one <see cref="Engine.Simulation"/> and talking only
/// through the API server's calls and watches.
/// </summary>
/// <example>
/// <code>
/// var cluster = new SimulatedCluster(seed: 1);
/// cluster.AddNode("node-1", ResourceList.Builder().Cpu(4000).Memory(16L &lt;&lt; 30).Pods(110).Build());
/// cluster.Client("kubectl").Create(replicationController);
/// cluster.Simulation.RunUntil(SimTime.FromSeconds(30));
/// </code>
/// </example>
public sealed class SimulatedCluster
{
    private readonly Dictionary<string, Kubelet> _kubelets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KubeProxy> _proxies = new(StringComparer.Ordinal);
    private readonly List<Action<Kubelet>> _kubeletObservers = [];
    private readonly List<Action<KubeProxy, ObjectKey>> _proxyObservers = [];

    /// <summary>Builds a cluster with its control plane; nodes are added with <c>AddNode</c>.</summary>
    /// <param name="seed">The run's seed: every random draw derives from it.</param>
    /// <param name="timings">Every timing; Kubernetes' defaults where it has them.</param>
    /// <param name="recordEvents">Whether to keep the event log.</param>
    /// <param name="scheduler">The scheduler's configuration; null is kube-scheduler's default (one profile, the default plugins).</param>
    /// <param name="plugins">The plugins the scheduler's profiles may name; null is the in-tree set.</param>
    public SimulatedCluster(ulong seed, ClusterTimings? timings = null, bool recordEvents = true, Scheduling.SchedulerConfiguration? scheduler = null, Scheduling.PluginRegistry? plugins = null)
    {
        Simulation = new Simulation();
        Streams = new RandomStreams(seed);
        Timings = timings ?? new ClusterTimings();
        Log = new EventLog { Enabled = recordEvents };
        Api = new ApiServer(Simulation, Log);
        Api.AddIndex(Pod.KindName, Pod.NodeNameIndex, Pod.IndexByNodeName);
        Api.AddIndex(Pod.KindName, Pod.OwnerKindIndex, Pod.IndexByOwnerKind);
        var defaultTolerations = new DefaultTolerationsAdmission(Timings.DefaultTolerationSeconds);
        Api.AddAdmission(Pod.KindName, obj => defaultTolerations.Admit((Pod)obj));
        Api.AddAdmission(Job.KindName, obj => JobDefaults.Apply((Job)obj));
        ObjectValidation.Register(Api);
        PriorityAdmission.Register(Api);
        Scheduler = new Scheduling.Scheduler(this, scheduler ?? new Scheduling.SchedulerConfiguration(), plugins);
        ReplicationManager = new ReplicationManager(this);
        DeploymentController = new DeploymentController(this);
        EndpointsController = new EndpointsController(this);
        NodeLifecycleController = new NodeLifecycleController(this);
        DisruptionController = new DisruptionController(this);
        JobController = new JobController(this);
        GarbageCollector = new GarbageCollector(this);
    }

    /// <summary>The job controller (with the TTL-after-finished controller).</summary>
    public JobController JobController { get; }

    /// <summary>The garbage collector: deletes what a deleted Deployment, ReplicaSet, ReplicationController or Job owned.</summary>
    public GarbageCollector GarbageCollector { get; }

    /// <summary>The disruption controller, and with it the eviction API that respects disruption budgets.</summary>
    public DisruptionController DisruptionController { get; }

    /// <summary>The node lifecycle controller (with taint-based eviction).</summary>
    public NodeLifecycleController NodeLifecycleController { get; }

    /// <summary>The clock and event queue.</summary>
    public Simulation Simulation { get; }

    /// <summary>The run's random streams.</summary>
    public RandomStreams Streams { get; }

    /// <summary>Every timing.</summary>
    public ClusterTimings Timings { get; }

    /// <summary>Every write, in order.</summary>
    public EventLog Log { get; }

    /// <summary>The API server.</summary>
    public ApiServer Api { get; }

    /// <summary>The kube-scheduler.</summary>
    public Scheduling.Scheduler Scheduler { get; }

    /// <summary>The replication controller manager (ReplicaSets and ReplicationControllers).</summary>
    public ReplicationManager ReplicationManager { get; }

    /// <summary>The deployment controller (RollingUpdate).</summary>
    public DeploymentController DeploymentController { get; }

    /// <summary>The endpoints controller.</summary>
    public EndpointsController EndpointsController { get; }

    /// <summary>The kubelets, by node name.</summary>
    public IReadOnlyDictionary<string, Kubelet> Kubelets => _kubelets;

    /// <summary>The kube-proxies, by node name (one per node).</summary>
    public IReadOnlyDictionary<string, KubeProxy> Proxies => _proxies;

    /// <summary>How kube-proxies pick backends; set before adding nodes. Default: random (iptables mode).</summary>
    public KubeProxyMode ProxyMode { get; init; } = KubeProxyMode.Random;

    /// <summary>A client that writes as <paramref name="component"/>.</summary>
    public ApiClient Client(string component) => Api.ClientFor(component);

    /// <summary>Registers a node (its kubelet writes it) and starts the kubelet.</summary>
    public Node AddNode(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var kubelet = new Kubelet(this, node.Metadata.Name);
        var created = kubelet.Register(node);
        _kubelets.Add(node.Metadata.Name, kubelet);
        _proxies.Add(node.Metadata.Name, new KubeProxy(this, node.Metadata.Name, ProxyMode));
        return created;
    }

    /// <summary>Registers a ready node with <paramref name="allocatable"/> resources (capacity the same).</summary>
    public Node AddNode(string name, Resources.ResourceList allocatable, IReadOnlyDictionary<string, string>? labels = null)
    {
        var meta = new ObjectMeta { Name = name };
        if (labels is not null)
        {
            meta = meta with { Labels = meta.Labels.SetItems(labels) };
        }

        meta = meta with { Labels = meta.Labels.SetItem(Node.HostnameLabel, name) };
        return AddNode(new Node { Metadata = meta, Status = new NodeStatus { Capacity = allocatable, Allocatable = allocatable } });
    }

    /// <summary>
    /// Registers an observer called synchronously whenever a kubelet goes down or recovers, or is
    /// partitioned or healed (<see cref="Kubelet.IsDown"/>, <see cref="Kubelet.IsPartitioned"/>), after
    /// the change. Observers measure (metrics, traffic) and must not change the cluster.
    /// </summary>
    public void ObserveKubelets(Action<Kubelet> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _kubeletObservers.Add(observer);
    }

    /// <summary>
    /// Registers an observer called synchronously whenever a kube-proxy's view of a Service's endpoints
    /// changes (the key is the Endpoints object's), after the change. Observers must not change the cluster.
    /// </summary>
    public void ObserveProxies(Action<KubeProxy, ObjectKey> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _proxyObservers.Add(observer);
    }

    internal void KubeletChanged(Kubelet kubelet)
    {
        foreach (var observer in _kubeletObservers)
        {
            observer(kubelet);
        }
    }

    internal void ProxyChanged(KubeProxy proxy, ObjectKey endpoints)
    {
        foreach (var observer in _proxyObservers)
        {
            observer(proxy, endpoints);
        }
    }

    /// <summary>Watch options for <paramref name="component"/>: its own latency stream, drawing <see cref="ClusterTimings.WatchLatency"/>.</summary>
    internal WatchOptions WatchOptionsFor(string component, string kind, string? indexName = null, string? indexValue = null, Func<WatchEvent, bool>? filter = null)
    {
        var random = Streams.Child("watch-latency").For(component + "/" + kind);
        var latency = Timings.WatchLatency;
        // A constant draws nothing: its delegate tells the watch its value (ConstantLatency).
        Func<TimeSpan> draw = latency.ConstantValue is { } value ? new ConstantLatency(value).Draw : () => latency.Sample(random);
        return new WatchOptions { Kind = kind, IndexName = indexName, IndexValue = indexValue, Latency = draw, Filter = filter };
    }
}
