using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Cluster.Tests.Controllers;

/// <summary>Pods and times for the scale-down ranking tests.</summary>
internal static class RankingTestPods
{
    /// <summary>
    /// The ranking's "now". Upstream uses the wall clock; we sit 90 days into the simulation so that every
    /// upstream offset (up to a month back) is a valid time after the start.
    /// </summary>
    public static readonly SimTime Now = SimTime.Zero + TimeSpan.FromDays(90);

    /// <summary>
    /// Upstream's <c>now.AddDate(0, -1, 0)</c>: a calendar month is 28 to 31 days; 30 days lies in the
    /// same logarithmic bucket (2^51 ns) as every one of them.
    /// </summary>
    public static readonly SimTime Then1Month = Now - TimeSpan.FromDays(30);

    public static readonly SimTime Then2Hours = Now - TimeSpan.FromHours(2);

    public static readonly SimTime Then5Hours = Now - TimeSpan.FromHours(5);

    public static readonly SimTime Then8Hours = Now - TimeSpan.FromHours(8);

    /// <summary>The start of the simulation, where upstream's tests leave a timestamp unset (see each file's header).</summary>
    public static readonly SimTime Start = SimTime.Zero;

    public static Pod Pod(
        string name,
        string nodeName,
        PodPhase phase,
        SimTime? readySince = null,
        int restarts = 0,
        SimTime created = default,
        long uid = 0,
        SimTime? deletionRequestedAt = null) =>
        new()
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default", Uid = uid, CreatedAt = created },
            Spec = new PodSpec { NodeName = nodeName },
            Status = new PodStatus { Phase = phase, ReadySince = readySince, Restarts = restarts },
            DeletionRequestedAt = deletionRequestedAt,
        };
}
