using System.Collections.Immutable;
using Sim.Workloads;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Scenarios.Format;

/// <summary>Reads <c>stop</c>: the condition that ends a run before its duration.</summary>
internal static class StopReader
{
    private const string WorkloadsDone = "workloads-done";

    private static readonly string[] Conditions = [WorkloadsDone, "pods-created", "pods-scheduled", "pods-succeeded"];

    /// <summary>The condition, or null after an error.</summary>
    public static StopCondition? Read(Binder b, YamlNode node, string path, ImmutableArray<WorkloadSpec>? workloads)
    {
        var what = $"a stop condition: a mapping such as {{when: {WorkloadsDone}}} or {{when: pods-succeeded, count: 500}}";
        if (b.Fields(node, path, ScenarioFields.Stop, what) is not { } fields)
        {
            return null;
        }

        string? when = null;
        if (b.Required(fields, "when", $"the condition: {Binder.OneOf(Conditions)}") is { } whenNode
            && b.Text(whenNode, fields.PathOf("when"), $"one of {Binder.OneOf(Conditions)}") is { } text)
        {
            if (Conditions.Contains(text, StringComparer.Ordinal))
            {
                when = text;
            }
            else
            {
                b.Error(whenNode.Start, $"{fields.PathOf("when")}: unknown condition \"{text}\"{Suggestions.Suggest(text, Conditions)}; expected {Binder.OneOf(Conditions)}");
            }
        }

        var count = fields["count"] is { } countNode ? b.Integer(countNode, fields.PathOf("count"), 1, long.MaxValue) : null;
        if (when == WorkloadsDone && fields.Has("count"))
        {
            b.Error(fields["count"]!.Start, $"{fields.PathOf("count")}: {WorkloadsDone} takes no count (a count goes with {Binder.OneOf(Conditions[1..])})");
            return null;
        }

        if (when is null || when != WorkloadsDone && count is null)
        {
            if (when is not null && !fields.Has("count"))
            {
                b.Missing(fields, "count", $"how many pods {when} waits for, at least 1");
            }

            return null;
        }

        if (when == WorkloadsDone)
        {
            WarnIfEndless(b, fields["when"]!, fields.PathOf("when"), workloads);
            return StopCondition.WorkloadsDone;
        }

        return when switch
        {
            "pods-created" => StopCondition.PodsCreated(count!.Value),
            "pods-scheduled" => StopCondition.PodsScheduled(count!.Value),
            _ => StopCondition.PodsSucceeded(count!.Value),
        };
    }

    /// <summary>A generated workload with no count, no stop and an arrival process that goes on never finishes arriving, so workloads-done cannot hold.</summary>
    private static void WarnIfEndless(Binder b, YamlNode at, string path, ImmutableArray<WorkloadSpec>? workloads)
    {
        foreach (var workload in workloads ?? [])
        {
            if (workload is DeploymentWorkload or JobWorkload && workload.Count is null && workload.Stop is null && !workload.Arrivals.Ends)
            {
                b.Warning(at.Start, $"{path}: workload \"{workload.Name}\" never finishes arriving (it has no count and no stop), so {WorkloadsDone} cannot hold and every run lasts the whole duration");
            }
        }
    }
}
