namespace Sim.Metrics.Replication;

/// <summary>The column names of <see cref="ReplicationCollector.Final"/> and its series (docs/replication.md).</summary>
public static class ReplicationMetricNames
{
    /// <summary>Mean over workloads of each one's time-weighted fraction of desired replicas serving.</summary>
    public const string AvailabilityMean = "availability_mean";

    /// <summary>The lowest workload's availability.</summary>
    public const string AvailabilityMin = "availability_min";

    /// <summary>Σ over workloads of ∫ max(0, desired − serving) dt, in replica-seconds.</summary>
    public const string ReplicaDeficitSeconds = "replica_deficit_s";

    /// <summary>Node incidents: nodes becoming unreachable (down or partitioned) at one instant form one.</summary>
    public const string NodeIncidents = "node_incidents";

    /// <summary>Mean seconds from a node becoming unreachable to the API server showing it not Ready.</summary>
    public const string TimeToDetectMean = "time_to_detect_mean_s";

    /// <summary>Mean seconds from an incident to every workload it hit serving all its desired replicas again.</summary>
    public const string TimeToRecoverMean = "time_to_recover_mean_s";

    /// <summary>Incidents that hit a replica and had not recovered when measured.</summary>
    public const string IncidentsUnrecovered = "incidents_unrecovered";

    /// <summary>Replicated pods lost: on a node that became unreachable, evicted or preempted, or failed.</summary>
    public const string PodsLost = "pods_lost";

    /// <summary>Pods created for workloads beyond their desired counts: replacements.</summary>
    public const string PodsRecreated = "pods_recreated";

    /// <summary>Requests drawn over the complete traffic windows.</summary>
    public const string Requests = "requests";

    /// <summary>Successful requests / requests.</summary>
    public const string RequestSuccessRate = "request_success_rate";

    /// <summary>The lowest success rate of a traffic window with requests.</summary>
    public const string RequestSuccessRateWorstWindow = "request_success_rate_worst_minute";

    /// <summary>Mean over Services of the time-weighted distinct nodes of their ready endpoints.</summary>
    public const string ServiceNodesMean = "service_nodes_mean";

    /// <summary>Mean over Services of the time-weighted distinct zones of their ready endpoints.</summary>
    public const string ServiceZonesMean = "service_zones_mean";

    /// <summary>Series: the mean over live workloads of min(1, serving / desired), at each window's end.</summary>
    public const string Availability = "availability";

    /// <summary>Series: the window's request success rate (absent for a window without requests).</summary>
    public const string WindowSuccessRate = "request_success_rate";

    /// <summary>Series: the window's requests.</summary>
    public const string WindowRequests = "requests";
}
