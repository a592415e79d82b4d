namespace Sim.Experiments.Scenarios.Format;

/// <summary>Every mapping of the scenario format and its keys: the one list the reader checks keys against.</summary>
internal static class ScenarioFields
{
    public static readonly FieldSet Scenario = new("scenario",
        ["name", "description", "duration", "stop", "seeds", "sampleInterval", "policies", "cluster", "timings", "workloads", "faults", "traffic", "outputs", "sweep", "fill"]);

    public static readonly FieldSet Stop = new("stop", ["when", "count"]);

    public static readonly FieldSet Policy = new("policy", ["name", "config"]);

    public static readonly FieldSet Cluster = new("cluster", ["pools", "nodes", "traceNodes"]);

    public static readonly FieldSet TraceNodes = new("traceNodes", ["format", "file", "normalizedMemory", "count", "zones", "pods"]);

    public static readonly FieldSet Pool = new("pool", ["name", "count", "allocatable", "zones", "region", "instanceType", "labels", "taints"]);

    public static readonly FieldSet Taint = new("taint", ["key", "value", "effect"]);

    public static readonly FieldSet Timings = new("timings",
    [
        "schedulingCycle", "watchLatency", "apiRequestLatency", "sandboxStart", "imagePullBytesPerSecond", "imagePullOverhead",
        "initContainerRun", "containerStart", "readinessDelay", "defaultImageSizeBytes", "nodeLeaseRenewInterval", "nodeMonitorPeriod",
        "nodeMonitorGracePeriod", "defaultTolerationSeconds", "crashLoopInitialBackOff", "crashLoopMaxBackOff", "crashLoopResetAfter",
        "nodeEvictionRate", "secondaryNodeEvictionRate", "unhealthyZoneThreshold", "largeClusterSizeThreshold",
    ]);

    private static readonly string[] WorkloadCommon = ["name", "kind", "count", "arrivals", "start", "stop", "namespace", "priorityClassName", "labels"];

    private static readonly string[] PodShape = ["cpu", "memory", "gpu", "gpuModels", "limitRatio", "image", "nodeSelector", "tolerations"];

    public static readonly FieldSet DeploymentWorkload = new("deploymentWorkload",
        [.. WorkloadCommon, .. PodShape, "replicas", "lifetime", "service", "spreadAcrossZones", "minAvailable"]);

    public static readonly FieldSet JobWorkload = new("jobWorkload",
        [.. WorkloadCommon, .. PodShape, "parallelism", "completions", "duration", "ttlAfterFinished"]);

    public static readonly FieldSet ManifestsWorkload = new("manifestsWorkload", ["name", "kind", "files", "start"]);

    public static readonly FieldSet TraceWorkload = new("traceWorkload",
        ["name", "kind", "count", "start", "stop", "namespace", "priorityClassName", "labels", "format", "file", "from", "to",
         "instanceScale", "maxInstancesPerTask", "normalizedMemory", "ttlAfterFinished"]);

    public static readonly FieldSet Toleration = new("toleration", ["key", "operator", "value", "effect", "tolerationSeconds"]);

    public static readonly FieldSet Arrivals = new("arrivals", ["poisson", "fixed", "mmpp", "diurnal"]);

    public static readonly FieldSet Poisson = new("poisson", ["rate"]);

    public static readonly FieldSet Mmpp = new("mmpp", ["rates", "sojourns"]);

    public static readonly FieldSet Diurnal = new("diurnal", ["mean", "amplitude", "period", "peak"]);

    /// <summary>The distribution names (the keys of a distribution mapping beside <c>min</c> and <c>max</c>).</summary>
    public static readonly string[] DistributionKinds = ["constant", "uniform", "exponential", "lognormal", "weibull", "normal", "empirical"];

    public static readonly FieldSet Distribution = new("distribution", [.. DistributionKinds, "min", "max"]);

    public static readonly FieldSet EmpiricalFile = new("empiricalFile", ["file", "column"]);

    public static readonly FieldSet Uniform = new("uniform", ["min", "max"]);

    public static readonly FieldSet Exponential = new("exponential", ["mean"]);

    public static readonly FieldSet LogNormal = new("lognormal", ["mean", "sd", "mu", "sigma"]);

    public static readonly FieldSet Weibull = new("weibull", ["shape", "scale"]);

    public static readonly FieldSet Normal = new("normal", ["mean", "sd"]);

    public static readonly FieldSet Delay = new("delay", ["constant", "uniform", "exponential"]);

    public static readonly FieldSet NodeCrashFault = new("nodeCrashFault", ["name", "kind", "timeToFailure", "timeToRecover", "nodeSelector", "start", "stop"]);

    public static readonly FieldSet NodeFailureFault = new("nodeFailureFault", ["name", "kind", "nodes", "at", "duration"]);

    public static readonly FieldSet ZoneOutageFault = new("zoneOutageFault", ["name", "kind", "zone", "at", "duration"]);

    private static readonly string[] TargetedFault = ["name", "kind", "at", "nodes", "count", "nodeSelector"];

    public static readonly FieldSet KubeletPartitionFault = new("kubeletPartitionFault", [.. TargetedFault, "duration"]);

    public static readonly FieldSet PodCrashFault = new("podCrashFault",
        ["name", "kind", "selector", "namespace", "timeBetweenCrashes", "schedule", "count", "start", "stop"]);

    public static readonly FieldSet DrainFault = new("drainFault", [.. TargetedFault, "duration", "retryInterval"]);

    public static readonly FieldSet RollingUpgradeFault = new("rollingUpgradeFault", [.. TargetedFault, "upgradeTime", "retryInterval"]);

    public static readonly FieldSet ApiLatencySpikeFault = new("apiLatencySpikeFault", ["name", "kind", "at", "duration", "factor", "latency"]);

    public static readonly FieldSet SchedulerOutageFault = new("schedulerOutageFault", ["name", "kind", "at", "duration"]);

    public static readonly FieldSet ServerEventReplayFault = new("serverEventReplayFault", ["name", "kind", "file", "from", "to", "recoverAfter", "mapping"]);

    public static readonly FieldSet TrafficRule = new("trafficRule", ["workload", "selector", "namespace", "service", "rate"]);

    public static readonly FieldSet Outputs = new("outputs", ["events"]);

    public static readonly FieldSet Fill = new("fill",
        ["format", "data", "nodes", "pods", "inflate", "shuffle", "renameNodes", "popularityThreshold", "tieBreaking", "maxArrivedPct"]);

    public static readonly FieldSet SweepParameter = new("sweepParameter", ["parameter", "label", "values"]);

    /// <summary>Every set, for the test that compares them with the JSON Schema.</summary>
    public static IReadOnlyList<FieldSet> All { get; } =
    [
        Scenario, Stop, Policy, Cluster, TraceNodes, Pool, Taint, Timings, DeploymentWorkload, JobWorkload, ManifestsWorkload, TraceWorkload, Toleration, Arrivals,
        Poisson, Mmpp, Diurnal, Distribution, EmpiricalFile, Uniform, Exponential, LogNormal, Weibull, Normal, Delay, NodeCrashFault,
        NodeFailureFault, ZoneOutageFault, KubeletPartitionFault, PodCrashFault, DrainFault, RollingUpgradeFault, ApiLatencySpikeFault,
        SchedulerOutageFault, ServerEventReplayFault, TrafficRule, Outputs, SweepParameter, Fill,
    ];
}
