using Sim.Cluster.Objects;

namespace Sim.Cli.Explain;

/// <summary>
/// What the Priority admission plugin does to a pod that was never admitted: a <c>priorityClassName</c>
/// becomes the class's value and preemption policy (the two system classes always exist); a pod
/// without one gets the global-default class, if the cluster file has one.
/// </summary>
internal static class PriorityResolver
{
    /// <summary>The pod with its priority resolved; a class not found is added to <paramref name="missing"/> and the pod keeps its <c>spec.priority</c>.</summary>
    public static Pod Resolve(Pod pod, IReadOnlyList<PriorityClass> classes, ISet<string> missing)
    {
        var name = pod.Spec.PriorityClassName;
        var found = name.Length == 0
            ? classes.FirstOrDefault(c => c.GlobalDefault)
            : classes.FirstOrDefault(c => c.Metadata.Name == name) ?? BuiltIn(name);
        if (found is null)
        {
            if (name.Length != 0)
            {
                missing.Add(name);
            }

            return pod;
        }

        return pod with
        {
            Spec = pod.Spec with
            {
                Priority = found.Value,
                PriorityClassName = found.Metadata.Name,
                PreemptionPolicy = found.PreemptLowerPriority ? pod.Spec.PreemptionPolicy : PreemptionPolicy.Never,
            },
        };
    }

    private static PriorityClass? BuiltIn(string name) => name switch
    {
        PriorityClass.SystemClusterCritical => new PriorityClass { Metadata = new() { Name = name }, Value = 2_000_000_000 },
        PriorityClass.SystemNodeCritical => new PriorityClass { Metadata = new() { Name = name }, Value = 2_000_001_000 },
        _ => null,
    };
}
