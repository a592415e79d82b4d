namespace Sim.Cluster;

/// <summary>
/// Every timing of the simulated cluster. Kubernetes fixes some of them by default (noted); the rest
/// are the run time of machinery Kubernetes does not time (API latency, container start), chosen as
/// typical values and meant to be set per study.
/// </summary>
public sealed record ClusterTimings
{
    /// <summary>
    /// How long one scheduling cycle takes in simulated time (the scheduler's own compute time, which
    /// bounds its throughput). Default: zero, i.e. the scheduler is never the bottleneck.
    /// </summary>
    public Delay SchedulingCycle { get; init; } = Delay.Zero;

    /// <summary>How long after a write a watcher sees it. Default: 10 ms.</summary>
    public Delay WatchLatency { get; init; } = Delay.Constant(TimeSpan.FromMilliseconds(10));

    /// <summary>
    /// The round trip of one API request from a controller; the replication controller's slow-start
    /// batches (1, 2, 4 … pods) follow one another at this pace. Default: 5 ms.
    /// </summary>
    public TimeSpan ApiRequestLatency { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Starting a pod sandbox (the pause container and its network). Default: 500 ms.</summary>
    public Delay SandboxStart { get; init; } = Delay.Constant(TimeSpan.FromMilliseconds(500));

    /// <summary>Image pull bandwidth in bytes per second; images present on the node are not pulled. Default: 100 MB/s.</summary>
    public long ImagePullBytesPerSecond { get; init; } = 100_000_000;

    /// <summary>Fixed cost of each image pull (registry round trips). Default: 200 ms.</summary>
    public TimeSpan ImagePullOverhead { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long each regular init container runs before it exits successfully. Default: 1 s.</summary>
    public Delay InitContainerRun { get; init; } = Delay.Constant(TimeSpan.FromSeconds(1));

    /// <summary>Starting one app container. Default: 300 ms.</summary>
    public Delay ContainerStart { get; init; } = Delay.Constant(TimeSpan.FromMilliseconds(300));

    /// <summary>From all containers running to the first successful readiness probe. Default: 1 s.</summary>
    public Delay ReadinessDelay { get; init; } = Delay.Constant(TimeSpan.FromSeconds(1));

    /// <summary>Default image size, for images whose size the node does not list. Default: 100 MB.</summary>
    public long DefaultImageSizeBytes { get; init; } = 100_000_000;

    /// <summary>How often the kubelet renews its node lease (Kubernetes: 0.25 × 40 s lease = 10 s).</summary>
    public TimeSpan NodeLeaseRenewInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the node lifecycle controller checks leases (Kubernetes <c>--node-monitor-period</c>: 5 s).</summary>
    public TimeSpan NodeMonitorPeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long without a lease renewal before a node's Ready condition becomes Unknown (Kubernetes
    /// <c>--node-monitor-grace-period</c>: 50 s since v1.32, 40 s before).
    /// </summary>
    public TimeSpan NodeMonitorGracePeriod { get; init; } = TimeSpan.FromSeconds(50);

    /// <summary>
    /// How many nodes per second the node lifecycle controller taints NoExecute (which evicts their
    /// pods) in a zone that is healthy, or fully disrupted while another zone is not (Kubernetes
    /// <c>--node-eviction-rate</c>: 0.1, one node every 10 s). Zero or less stops tainting.
    /// </summary>
    public double NodeEvictionRate { get; init; } = 0.1;

    /// <summary>
    /// The tainting rate in a partially disrupted zone of more than <see cref="LargeClusterSizeThreshold"/>
    /// nodes (Kubernetes <c>--secondary-node-eviction-rate</c>: 0.01); smaller zones stop tainting.
    /// </summary>
    public double SecondaryNodeEvictionRate { get; init; } = 0.01;

    /// <summary>
    /// The fraction of not-Ready nodes (at least 3 of them) from which a zone is partially disrupted
    /// (Kubernetes <c>--unhealthy-zone-threshold</c>: 0.55).
    /// </summary>
    public double UnhealthyZoneThreshold { get; init; } = 0.55;

    /// <summary>
    /// A partially disrupted zone of more nodes than this keeps tainting at <see cref="SecondaryNodeEvictionRate"/>,
    /// a smaller one stops (Kubernetes <c>--large-cluster-size-threshold</c>: 50).
    /// </summary>
    public int LargeClusterSizeThreshold { get; init; } = 50;

    /// <summary>
    /// The tolerationSeconds the DefaultTolerationSeconds admission plugin gives every pod for the
    /// not-ready and unreachable NoExecute taints (Kubernetes: 300 s).
    /// </summary>
    public long DefaultTolerationSeconds { get; init; } = 300;

    /// <summary>The first restart back-off of a crashed container (Kubernetes: 10 s, doubling each crash).</summary>
    public TimeSpan CrashLoopInitialBackOff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest restart back-off (Kubernetes: 300 s).</summary>
    public TimeSpan CrashLoopMaxBackOff { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>How long a container must run without crashing for the back-off to reset (Kubernetes: 10 min).</summary>
    public TimeSpan CrashLoopResetAfter { get; init; } = TimeSpan.FromMinutes(10);
}
