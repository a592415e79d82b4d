using System.Collections.Immutable;
using Sim.Kubernetes.Yaml;
using Sim.Scheduling;
using YamlDotNet.RepresentationModel;

namespace Sim.Kubernetes.SchedulerConfig;

/// <summary>One <c>KubeSchedulerConfiguration</c> document to a <see cref="SchedulerConfiguration"/>, with upstream's defaults and validation.</summary>
internal sealed class ConfigParser(DiagnosticBag bag, PluginRegistry registry, YamlNode root)
{
    /// <summary>Settings of the real scheduler process that a simulation has no use for.</summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "leaderElection", "clientConnection", "healthzBindAddress", "metricsBindAddress", "enableProfiling",
        "enableContentionProfiling", "debuggingConfiguration", "extenders", "delayCacheUntilActive",
    };

    /// <summary>Upstream's in-tree plugins for volumes and resource claims, which Sim leaves out of its default profile.</summary>
    private static readonly HashSet<string> NotSimulated = new(StringComparer.Ordinal)
    {
        "VolumeRestrictions", "NodeVolumeLimits", "VolumeBinding", "VolumeZone", "DynamicResources", "EBSLimits", "GCEPDLimits",
        "AzureDiskLimits", "CinderLimits",
    };

    private static readonly string[] TopFields = ["apiVersion", "kind", "parallelism", "percentageOfNodesToScore", "podInitialBackoffSeconds", "podMaxBackoffSeconds", "profiles"];
    private static readonly string[] ProfileFields = ["schedulerName", "percentageOfNodesToScore", "plugins", "pluginConfig"];

    private static readonly string[] Points =
        ["preEnqueue", "queueSort", "preFilter", "filter", "postFilter", "preScore", "score", "reserve", "permit", "preBind", "bind", "postBind", "multiPoint"];

    private readonly YamlReading _read = new(bag);

    public SchedulerConfiguration? Parse()
    {
        if (_read.Mapping(root, "(document)") is not { } top)
        {
            return null;
        }

        var fields = _read.Fields(top, string.Empty, TopFields, Ignored);
        var apiVersion = fields.GetValueOrDefault("apiVersion") is { } a ? _read.String(a, "apiVersion") : null;
        var kind = fields.GetValueOrDefault("kind") is { } k ? _read.String(k, "kind") : null;
        if (apiVersion != SchedulerConfigReader.ApiVersion)
        {
            bag.Error((fields.GetValueOrDefault("apiVersion") ?? top).Start, apiVersion is null
                ? $"apiVersion: Required value: {SchedulerConfigReader.ApiVersion}"
                : $"apiVersion: Unsupported value: \"{apiVersion}\": supported values: \"{SchedulerConfigReader.ApiVersion}\"");
        }

        if (kind != SchedulerConfigReader.Kind)
        {
            bag.Error((fields.GetValueOrDefault("kind") ?? top).Start, kind is null
                ? $"kind: Required value: {SchedulerConfigReader.Kind}"
                : $"kind: Unsupported value: \"{kind}\": supported values: \"{SchedulerConfigReader.Kind}\"");
        }

        var config = new SchedulerConfiguration();
        if (fields.GetValueOrDefault("parallelism") is { } parallelism && _read.Integer(parallelism, "parallelism") is { } p)
        {
            if (p <= 0)
            {
                bag.Error(parallelism.Start, $"parallelism: Invalid value: {p}: should be an integer value greater than zero");
            }

            config = config with { Parallelism = p };
        }

        if (Percentage(fields.GetValueOrDefault("percentageOfNodesToScore"), "percentageOfNodesToScore") is { } percentage)
        {
            config = config with { PercentageOfNodesToScore = percentage };
        }

        var initial = fields.GetValueOrDefault("podInitialBackoffSeconds") is { } i ? _read.Integer(i, "podInitialBackoffSeconds") : null;
        var max = fields.GetValueOrDefault("podMaxBackoffSeconds") is { } m ? _read.Integer(m, "podMaxBackoffSeconds") : null;
        if (initial is <= 0)
        {
            bag.Error(fields["podInitialBackoffSeconds"].Start, $"podInitialBackoffSeconds: Invalid value: {initial}: must be greater than 0");
        }

        var initialSeconds = initial ?? (int)config.PodInitialBackoff.TotalSeconds;
        var maxSeconds = max ?? (int)config.PodMaxBackoff.TotalSeconds;
        if (maxSeconds < initialSeconds)
        {
            bag.Error((fields.GetValueOrDefault("podMaxBackoffSeconds") ?? fields["podInitialBackoffSeconds"]).Start,
                $"podMaxBackoffSeconds: Invalid value: {maxSeconds}: must be greater than or equal to PodInitialBackoffSeconds");
        }

        config = config with { PodInitialBackoff = TimeSpan.FromSeconds(initialSeconds), PodMaxBackoff = TimeSpan.FromSeconds(maxSeconds) };
        if (fields.GetValueOrDefault("profiles") is { } profilesNode && !Scalars.IsNull(profilesNode) && _read.Sequence(profilesNode, "profiles") is { } profiles
            && profiles.Children.Count > 0)
        {
            var built = ImmutableArray.CreateBuilder<ProfileConfig>();
            var names = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var index = 0; index < profiles.Children.Count; index++)
            {
                if (Profile(profiles.Children[index], $"profiles[{index}]") is not { } profile)
                {
                    continue;
                }

                if (!names.TryAdd(profile.SchedulerName, index))
                {
                    bag.Error(YamlLocator.Find(root, $"profiles[{index}].schedulerName"), $"profiles[{index}].schedulerName: Duplicate value: \"{profile.SchedulerName}\"");
                }

                built.Add(profile);
            }

            config = config with { Profiles = built.ToImmutable() };
        }

        return config;
    }

    private ProfileConfig? Profile(YamlNode node, string path)
    {
        if (_read.Mapping(node, path) is not { } mapping)
        {
            return null;
        }

        var fields = _read.Fields(mapping, path, ProfileFields, ignored: null);
        var profile = new ProfileConfig();
        if (fields.GetValueOrDefault("schedulerName") is { } nameNode && _read.String(nameNode, $"{path}.schedulerName") is { Length: > 0 } name)
        {
            profile = profile with { SchedulerName = name };
        }

        if (Percentage(fields.GetValueOrDefault("percentageOfNodesToScore"), $"{path}.percentageOfNodesToScore") is { } percentage)
        {
            profile = profile with { PercentageOfNodesToScore = percentage };
        }

        if (fields.GetValueOrDefault("plugins") is { } plugins && !Scalars.IsNull(plugins))
        {
            profile = profile with { Plugins = Plugins(plugins, $"{path}.plugins") };
        }

        if (fields.GetValueOrDefault("pluginConfig") is { } pluginConfig && !Scalars.IsNull(pluginConfig))
        {
            profile = profile with { PluginConfig = new PluginArgsReader(bag, registry, root).Read(pluginConfig, $"{path}.pluginConfig") };
        }

        return profile;
    }

    private PluginsConfig Plugins(YamlNode node, string path)
    {
        var config = new PluginsConfig();
        if (_read.Mapping(node, path) is not { } mapping)
        {
            return config;
        }

        foreach (var (point, value) in _read.Fields(mapping, path, Points, ignored: null))
        {
            if (Scalars.IsNull(value))
            {
                continue;
            }

            var set = Set(value, $"{path}.{point}");
            config = point switch
            {
                "preEnqueue" => config with { PreEnqueue = set },
                "queueSort" => config with { QueueSort = set },
                "preFilter" => config with { PreFilter = set },
                "filter" => config with { Filter = set },
                "postFilter" => config with { PostFilter = set },
                "preScore" => config with { PreScore = set },
                "score" => config with { Score = set },
                "reserve" => config with { Reserve = set },
                "permit" => config with { Permit = set },
                "preBind" => config with { PreBind = set },
                "bind" => config with { Bind = set },
                "postBind" => config with { PostBind = set },
                _ => config with { MultiPoint = set },
            };
        }

        return config;
    }

    private PluginSet Set(YamlNode node, string path)
    {
        if (_read.Mapping(node, path) is not { } mapping)
        {
            return PluginSet.Empty;
        }

        var fields = _read.Fields(mapping, path, ["enabled", "disabled"], ignored: null);
        var enabled = ImmutableArray.CreateBuilder<PluginRef>();
        var disabled = ImmutableArray.CreateBuilder<string>();
        foreach (var (list, isEnabled) in new[] { ("enabled", true), ("disabled", false) })
        {
            if (fields.GetValueOrDefault(list) is not { } listNode || Scalars.IsNull(listNode) || _read.Sequence(listNode, $"{path}.{list}") is not { } items)
            {
                continue;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < items.Children.Count; i++)
            {
                var where = $"{path}.{list}[{i}]";
                if (_read.Mapping(items.Children[i], where) is not { } item)
                {
                    continue;
                }

                var entry = _read.Fields(item, where, isEnabled ? ["name", "weight"] : ["name"], ignored: null);
                if (entry.GetValueOrDefault("name") is not { } nameNode || _read.String(nameNode, $"{where}.name") is not { Length: > 0 } name)
                {
                    bag.Error(item.Start, $"{where}.name: Required value: a plugin name");
                    continue;
                }

                if (!isEnabled && !registry.Contains(name) && NotSimulated.Contains(name))
                {
                    bag.Warning(nameNode.Start, $"{where}.name: \"{name}\" is an upstream plugin Sim does not simulate (no volumes or resource claims); disabling it changes nothing");
                    continue;
                }

                if (!(name == "*" && !isEnabled) && !registry.Contains(name))
                {
                    bag.Error(nameNode.Start, $"{where}.name: Invalid value: \"{name}\": no plugin of that name{Spelling.Suggest(name, registry.Names)}; registered plugins: {string.Join(", ", registry.Names)}");
                    continue;
                }

                if (!seen.Add(name))
                {
                    bag.Error(nameNode.Start, $"{where}.name: Duplicate value: \"{name}\"");
                    continue;
                }

                if (!isEnabled)
                {
                    disabled.Add(name);
                    continue;
                }

                var weight = 0;
                if (entry.GetValueOrDefault("weight") is { } weightNode && _read.Integer(weightNode, $"{where}.weight") is { } w)
                {
                    if (w < 0)
                    {
                        bag.Error(weightNode.Start, $"{where}.weight: Invalid value: {w}: must not be negative (0 means the default weight)");
                    }

                    weight = w;
                }

                enabled.Add(new PluginRef(name, weight));
            }
        }

        return new PluginSet { Enabled = enabled.ToImmutable(), Disabled = disabled.ToImmutable() };
    }

    private int? Percentage(YamlNode? node, string path)
    {
        if (node is null || Scalars.IsNull(node) || _read.Integer(node, path) is not { } value)
        {
            return null;
        }

        if (value is < 0 or > 100)
        {
            bag.Error(node.Start, $"{path}: Invalid value: {value}: not in valid range [0-100]");
        }

        return value;
    }
}
