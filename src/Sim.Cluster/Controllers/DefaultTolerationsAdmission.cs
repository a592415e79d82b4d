using Sim.Cluster.Objects;

namespace Sim.Cluster.Controllers;

/// <summary>
/// The DefaultTolerationSeconds admission step of one API server (<see cref="DefaultTolerations.Add"/>),
/// remembering its last result: pods created from one template carry the same spec instance, and
/// they all get the same admitted spec instance back instead of a copy each.
/// </summary>
internal sealed class DefaultTolerationsAdmission(long tolerationSeconds)
{
    private PodSpec? _lastSpec;
    private PodSpec? _lastAdmitted;

    /// <summary>The pod with the default tolerations added where missing.</summary>
    public Pod Admit(Pod pod)
    {
        if (_lastSpec is not null && ReferenceEquals(pod.Spec, _lastSpec))
        {
            return ReferenceEquals(_lastAdmitted, pod.Spec) ? pod : pod with { Spec = _lastAdmitted! };
        }

        var admitted = DefaultTolerations.Add(pod, tolerationSeconds);
        _lastSpec = pod.Spec;
        _lastAdmitted = admitted.Spec;
        return admitted;
    }
}
