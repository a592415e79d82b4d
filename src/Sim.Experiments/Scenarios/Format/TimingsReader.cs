using Sim.Cluster;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Scenarios.Format;

/// <summary>Reads <c>timings</c>: any subset of <see cref="ClusterTimings"/>, each key its property's name in camelCase.</summary>
internal static class TimingsReader
{
    public static ClusterTimings? Read(Binder b, YamlNode node, string path)
    {
        var errors = b.Bag.ErrorCount;
        if (b.Fields(node, path, ScenarioFields.Timings, "a mapping of control-plane timings, e.g. {watchLatency: 10ms}") is not { } fields)
        {
            return null;
        }

        var timings = new ClusterTimings();
        foreach (var name in ScenarioFields.Timings.Names)
        {
            if (fields[name] is not { } value)
            {
                continue;
            }

            var where = fields.PathOf(name);
            timings = name switch
            {
                "schedulingCycle" => Delay(b, value, where) is { } d ? timings with { SchedulingCycle = d } : timings,
                "watchLatency" => Delay(b, value, where) is { } d ? timings with { WatchLatency = d } : timings,
                "apiRequestLatency" => Time(b, value, where) is { } t ? timings with { ApiRequestLatency = t } : timings,
                "sandboxStart" => Delay(b, value, where) is { } d ? timings with { SandboxStart = d } : timings,
                "imagePullBytesPerSecond" => Bytes(b, value, where, positive: true) is { } n ? timings with { ImagePullBytesPerSecond = n } : timings,
                "imagePullOverhead" => Time(b, value, where) is { } t ? timings with { ImagePullOverhead = t } : timings,
                "initContainerRun" => Delay(b, value, where) is { } d ? timings with { InitContainerRun = d } : timings,
                "containerStart" => Delay(b, value, where) is { } d ? timings with { ContainerStart = d } : timings,
                "readinessDelay" => Delay(b, value, where) is { } d ? timings with { ReadinessDelay = d } : timings,
                "defaultImageSizeBytes" => Bytes(b, value, where, positive: false) is { } n ? timings with { DefaultImageSizeBytes = n } : timings,
                "nodeLeaseRenewInterval" => Time(b, value, where, positive: true) is { } t ? timings with { NodeLeaseRenewInterval = t } : timings,
                "nodeMonitorPeriod" => Time(b, value, where, positive: true) is { } t ? timings with { NodeMonitorPeriod = t } : timings,
                "nodeMonitorGracePeriod" => Time(b, value, where, positive: true) is { } t ? timings with { NodeMonitorGracePeriod = t } : timings,
                "defaultTolerationSeconds" => b.Integer(value, where, 0, int.MaxValue) is { } s ? timings with { DefaultTolerationSeconds = s } : timings,
                "crashLoopInitialBackOff" => Time(b, value, where, positive: true) is { } t ? timings with { CrashLoopInitialBackOff = t } : timings,
                "crashLoopMaxBackOff" => Time(b, value, where, positive: true) is { } t ? timings with { CrashLoopMaxBackOff = t } : timings,
                "crashLoopResetAfter" => Time(b, value, where) is { } t ? timings with { CrashLoopResetAfter = t } : timings,
                "nodeEvictionRate" => b.Rate(value, where, positive: false) is { } r ? timings with { NodeEvictionRate = r } : timings,
                "secondaryNodeEvictionRate" => b.Rate(value, where, positive: false) is { } r ? timings with { SecondaryNodeEvictionRate = r } : timings,
                "unhealthyZoneThreshold" => Fraction(b, value, where) is { } f ? timings with { UnhealthyZoneThreshold = f } : timings,
                _ => b.Integer(value, where, 0, int.MaxValue) is { } n ? timings with { LargeClusterSizeThreshold = (int)n } : timings,
            };
        }

        return b.Bag.ErrorCount == errors ? timings : null;
    }

    private static Delay? Delay(Binder b, YamlNode node, string path) => Distributions.ReadDelay(b, node, path);

    private static TimeSpan? Time(Binder b, YamlNode node, string path, bool positive = false) => b.Duration(node, path, positive);

    private static double? Fraction(Binder b, YamlNode node, string path)
    {
        var value = b.Amount(node, path, Unit.Number);
        if (value is < 0 or > 1)
        {
            b.Expected(node, path, "a fraction from 0 to 1");
            return null;
        }

        return value;
    }

    private static long? Bytes(Binder b, YamlNode node, string path, bool positive)
    {
        var value = b.Amount(node, path, Unit.Bytes);
        if (positive && value is 0.0)
        {
            b.Expected(node, path, "a positive amount");
            return null;
        }

        return (long?)value;
    }
}
