using System.Collections.Immutable;
using System.Globalization;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects.Scheduling;

namespace Sim.Scheduling.Plugins.PodTopologySpread;

/// <summary>
/// The args of <see cref="PodTopologySpread"/> (upstream's <c>PodTopologySpreadArgs</c>). Default constraints
/// apply to pods that have no constraints of their own and are selected by a Service, ReplicationController
/// or ReplicaSet; their selector is deduced from those owners, so a default constraint must not set one
/// (leave <see cref="TopologySpreadConstraint.LabelSelector"/> at <see cref="LabelSelector.Nothing"/>).
/// </summary>
public sealed record PodTopologySpreadArgs
{
    /// <summary>The default constraints for <see cref="PodTopologySpreadConstraintsDefaulting.List"/> (<c>defaultConstraints</c>).</summary>
    public ImmutableArray<TopologySpreadConstraint> DefaultConstraints { get; init; } = [];

    /// <summary>Where default constraints come from (<c>defaultingType</c>, default System).</summary>
    public PodTopologySpreadConstraintsDefaulting DefaultingType { get; init; } = PodTopologySpreadConstraintsDefaulting.System;

    /// <summary>
    /// Upstream's <c>ValidatePodTopologySpreadArgs</c>: the errors (<c>field: type: value: detail</c>) under
    /// <paramref name="path"/> (empty for none), or an empty list.
    /// </summary>
    public IReadOnlyList<string> Validate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var errors = new List<string>();
        var defaultingPath = Child(path, "defaultingType");
        if (!Enum.IsDefined(DefaultingType))
        {
            errors.Add($"{defaultingPath}: Unsupported value: \"{DefaultingType}\": supported values: \"System\", \"List\"");
        }
        else if (DefaultingType == PodTopologySpreadConstraintsDefaulting.System && !DefaultConstraints.IsDefaultOrEmpty)
        {
            errors.Add($"{defaultingPath}: Invalid value: \"System\": when .defaultConstraints are not empty");
        }

        var constraintsPath = Child(path, "defaultConstraints");
        var constraints = DefaultConstraints.IsDefault ? [] : DefaultConstraints;
        for (var i = 0; i < constraints.Length; i++)
        {
            var c = constraints[i];
            var p = string.Create(CultureInfo.InvariantCulture, $"{constraintsPath}[{i}]");
            if (c is null)
            {
                errors.Add($"{p}: Required value: a list item, not null");
                continue;
            }

            if (c.MaxSkew <= 0)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{p}.maxSkew: Invalid value: {c.MaxSkew}: not in valid range (0, inf)"));
            }

            if (string.IsNullOrEmpty(c.TopologyKey))
            {
                errors.Add($"{p}.topologyKey: Required value: can not be empty");
            }
            else if (!LabelValidation.IsValidKey(c.TopologyKey, out _))
            {
                errors.Add($"{p}.topologyKey: Invalid value: {FieldError.Quote(c.TopologyKey)}: {LabelValidation.KeyProblem(c.TopologyKey)}");
            }

            if (!Enum.IsDefined(c.WhenUnsatisfiable))
            {
                errors.Add($"{p}.whenUnsatisfiable: Unsupported value: \"{c.WhenUnsatisfiable}\": supported values: \"DoNotSchedule\", \"ScheduleAnyway\"");
            }

            if (c.LabelSelector is { MatchesNothing: false })
            {
                errors.Add($"{p}.labelSelector: Forbidden: constraint must not define a selector, as they deduced for each pod");
            }

            for (var j = 0; j < i; j++)
            {
                if (constraints[j] is { } other && other.TopologyKey == c.TopologyKey && other.WhenUnsatisfiable == c.WhenUnsatisfiable)
                {
                    errors.Add($"{p}: Duplicate value: \"{{{c.TopologyKey}, {c.WhenUnsatisfiable}}}\"");
                    break;
                }
            }
        }

        return errors;
    }

    private static string Child(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
