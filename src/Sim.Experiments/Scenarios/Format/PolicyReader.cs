using System.Collections.Immutable;
using Sim.Kubernetes.Yaml;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Scenarios.Format;

/// <summary>Reads <c>policies</c>: catalogue names, or names given to <c>KubeSchedulerConfiguration</c> files.</summary>
internal static class PolicyReader
{
    public static ImmutableArray<PolicySpec>? ReadAll(Binder b, YamlNode node, string path)
    {
        if (b.Items(node, path, "a list of policies") is not { } items)
        {
            return null;
        }

        if (items.Count == 0)
        {
            b.Error(node.Start, $"{path}: expected at least one policy, got an empty list");
            return null;
        }

        var policies = ImmutableArray.CreateBuilder<PolicySpec>(items.Count);
        var names = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var where = $"{path}[{i}]";
            if (Read(b, items[i], where) is not { } policy)
            {
                continue;
            }

            var nameAt = items[i] is YamlMappingNode ? YamlLocator.Find(items[i], "name") : items[i].Start;
            if (names.TryGetValue(policy.Name, out var line))
            {
                b.Error(nameAt, $"{where}: duplicate policy \"{policy.Name}\" (also at line {line})");
                continue;
            }

            names[policy.Name] = nameAt.Line;
            policies.Add(policy);
        }

        return policies.Count == items.Count ? policies.ToImmutable() : null;
    }

    private static PolicySpec? Read(Binder b, YamlNode node, string path)
    {
        if (node is YamlScalarNode)
        {
            return Known(b, node, path) is { } known ? new PolicySpec(known) : null;
        }

        if (b.Fields(node, path, ScenarioFields.Policy, "a policy name or a mapping with name and config") is not { } fields)
        {
            return null;
        }

        if (b.Required(fields, "name", "the policy's name in outputs") is not { } nameNode)
        {
            return null;
        }

        if (fields["config"] is not { } configNode)
        {
            return Known(b, nameNode, fields.PathOf("name")) is { } known ? new PolicySpec(known) : null;
        }

        var name = Values.SimpleName(b, nameNode, fields.PathOf("name"));
        if (name is not null && b.Options.KnownPolicies.Contains(name, StringComparer.Ordinal))
        {
            b.Error(nameNode.Start, $"{fields.PathOf("name")}: \"{name}\" is the name of a catalogue policy; give the configuration another name");
            name = null;
        }

        var file = b.Text(configNode, fields.PathOf("config"), "the file name of a KubeSchedulerConfiguration");
        var config = file is null ? null : b.Files.SchedulerConfiguration(b, configNode, fields.PathOf("config"), file);
        return name is not null && config is not null ? new PolicySpec(name, config) : null;
    }

    private static string? Known(Binder b, YamlNode node, string path)
    {
        if (b.Text(node, path, "a policy name") is not { } name)
        {
            return null;
        }

        if (b.Options.KnownPolicies.Contains(name, StringComparer.Ordinal))
        {
            return name;
        }

        var known = b.Options.KnownPolicies.Order(StringComparer.Ordinal).ToList();
        b.Error(node.Start, $"{path}: unknown policy \"{name}\"{Suggestions.Suggest(name, known)}; known policies: {string.Join(", ", known)} (or give a name and a KubeSchedulerConfiguration file as config)");
        return null;
    }
}
