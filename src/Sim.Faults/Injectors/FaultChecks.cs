using System.Collections.Immutable;

namespace Sim.Faults.Injectors;

/// <summary>Checks faults built in code (the scenario reader reports the same problems with their line).</summary>
internal static class FaultChecks
{
    public static void Check(ImmutableArray<FaultSpec> faults)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fault in faults)
        {
            ArgumentNullException.ThrowIfNull(fault, nameof(faults));
            if (string.IsNullOrEmpty(fault.Name) || !names.Add(fault.Name))
            {
                throw new ArgumentException($"fault names must be non-empty and distinct: \"{fault.Name}\"", nameof(faults));
            }

            if (Problem(fault) is { } problem)
            {
                throw new ArgumentException($"fault {fault.Name}: {problem}", nameof(faults));
            }
        }
    }

    private static string? Problem(FaultSpec fault) => fault switch
    {
        TargetedNodeFault { Nodes.IsEmpty: false, Count: not null } => "give either nodes or a count, not both",
        TargetedNodeFault { Nodes.IsEmpty: false } t when !t.NodeSelector.IsEmpty => "give either nodes or a node selector, not both",
        TargetedNodeFault { Count: < 1 } => "the count must be at least 1",
        TargetedNodeFault t when t.At < TimeSpan.Zero => "the time must not be negative",
        KubeletPartitionFault { Duration: { } d } when d <= TimeSpan.Zero => "the duration must be positive",
        DrainFault { Duration: { } d } when d <= TimeSpan.Zero => "the duration must be positive",
        DrainFault d when d.RetryInterval <= TimeSpan.Zero => "the retry interval must be positive",
        RollingUpgradeFault u when u.UpgradeTime < TimeSpan.Zero || u.RetryInterval <= TimeSpan.Zero => "the upgrade time must not be negative and the retry interval must be positive",
        PodCrashFault { TimeBetweenCrashes: null, Schedule.IsEmpty: true } => "give a time between crashes or a schedule",
        PodCrashFault { TimeBetweenCrashes: not null, Schedule.IsEmpty: false } => "give a time between crashes or a schedule, not both",
        PodCrashFault { TimeBetweenCrashes: { } t } when !(t.Mean > 0) => "the mean time between crashes must be positive",
        PodCrashFault { Count: < 1 } => "the count must be at least 1",
        PodCrashFault { TimeBetweenCrashes: not null, Count: not null } => "a count goes with a schedule",
        ApiLatencySpikeFault { Factor: null, Latency: null } or ApiLatencySpikeFault { Factor: not null, Latency: not null } => "give either a factor or a latency",
        ApiLatencySpikeFault { Factor: { } f } when !(f >= 0) || double.IsInfinity(f) => "the factor must be finite and at least 0",
        ApiLatencySpikeFault { Latency: { } l } when l < TimeSpan.Zero => "the latency must not be negative",
        ApiLatencySpikeFault s when s.Duration <= TimeSpan.Zero || s.At < TimeSpan.Zero => "the duration must be positive and the time not negative",
        SchedulerOutageFault { Duration: { } d } when d <= TimeSpan.Zero => "the duration must be positive",
        ServerEventReplayFault r when r.RecoverAfter <= TimeSpan.Zero => "the recovery time must be positive",
        ServerEventReplayFault r when r.From < TimeSpan.Zero || r.To <= r.From => "the window must start at 0 or later and end after it starts",
        ServerEventReplayFault r when !Enum.IsDefined(r.Mapping) => "unknown machine mapping",
        ServerEventReplayFault { Mapping: MachineMapping.Label } r when string.IsNullOrEmpty(r.MachineLabel) => "the machine label must not be empty",
        _ => null,
    };
}
