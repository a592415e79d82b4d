using System.CommandLine;
using Sim.Cli.Explain;
using Sim.Cluster.Objects;
using Sim.Kubernetes;
using Sim.Scheduling;
using Spectre.Console;

namespace Sim.Cli.Commands;

/// <summary><c>sim explain --cluster CLUSTER.yaml --pod POD.yaml [--config SCHEDCONFIG.yaml] [--json]</c>.</summary>
internal static class ExplainCommand
{
    public static Command Create(PluginRegistry? registry = null)
    {
        var cluster = new Option<string>("--cluster")
        {
            Description = "Kubernetes YAML with the Nodes and the pods already bound to them (spec.nodeName set); kubectl get -o yaml dumps work.",
            HelpName = "CLUSTER.yaml",
            Required = true,
        };
        var pod = new Option<string>("--pod")
        {
            Description = "Kubernetes YAML with the one Pod to place.",
            HelpName = "POD.yaml",
            Required = true,
        };
        var config = new Option<string?>("--config")
        {
            Description = "A KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1); the default profile when absent.",
            HelpName = "SCHEDCONFIG.yaml",
        };
        var json = new Option<bool>("--json") { Description = "Print the explanation as one JSON document." };

        var command = new Command("explain", "Explain where the scheduler would place a pod: every node's filter verdict and every score plugin's scores.")
        {
            cluster, pod, config, json,
        };
        command.SetAction(parse => Execute(parse.GetValue(cluster)!, parse.GetValue(pod)!, parse.GetValue(config), parse.GetValue(json), registry ?? Sim.Scheduling.Policies.PolicyCatalogue.CreateRegistry()));
        return command;
    }

    private static int Execute(string clusterPath, string podPath, string? configPath, bool json, PluginRegistry registry)
    {
        var clusterRead = KubernetesYamlReader.ReadFile(clusterPath);
        var podRead = KubernetesYamlReader.ReadFile(podPath);
        var configRead = configPath is null ? null : SchedulerConfigReader.ReadFile(configPath, registry);
        var diagnostics = clusterRead.Diagnostics.Concat(podRead.Diagnostics).Concat(configRead?.Diagnostics ?? []).ToList();
        foreach (var diagnostic in diagnostics)
        {
            Console.Error.WriteLine(diagnostic.IsError ? $"error: {diagnostic}" : diagnostic.ToString());
        }

        if (diagnostics.Any(d => d.IsError))
        {
            return ExitCodes.InvalidInput;
        }

        var objects = clusterRead.Value!;
        var pods = podRead.Value!.Pods;
        if (pods.Length != 1)
        {
            var found = pods.Length == 0 ? "none" : $"{pods.Length}: {string.Join(", ", pods.Select(p => $"{p.Metadata.Namespace}/{p.Metadata.Name}"))}";
            Console.Error.WriteLine($"error: {podPath}: expected exactly one Pod to place, found {found}");
            return ExitCodes.InvalidInput;
        }

        var notes = new List<string>();
        var classes = objects.PriorityClasses;
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var target = PriorityResolver.Resolve(pods[0], classes, missing);
        objects = objects with { All = [.. objects.All.Select(o => o is Pod bound ? PriorityResolver.Resolve(bound, classes, missing) : o)] };
        if (missing.Count != 0)
        {
            notes.Add($"PriorityClass(es) {string.Join(", ", missing)} are not in the cluster file: the pods naming them keep their spec.priority.");
        }
        if (podRead.Value.All.Length > 1)
        {
            notes.Add($"{podPath}: only the Pod is placed; the file's other objects are ignored.");
        }

        var schedulerConfig = configRead?.Value ?? new SchedulerConfiguration();
        var profile = schedulerConfig.Profiles.FirstOrDefault(p => p.SchedulerName == target.Spec.SchedulerName);
        if (profile is null)
        {
            Console.Error.WriteLine($"error: {podPath}: spec.schedulerName: no profile named \"{target.Spec.SchedulerName}\" in {configPath ?? "the default configuration"}; profiles: {string.Join(", ", schedulerConfig.Profiles.Select(p => p.SchedulerName))}");
            return ExitCodes.InvalidInput;
        }

        Explanation? explanation;
        string failure;
        try
        {
            if (!new PlacementExplainer(registry).TryExplain(objects, target, profile, schedulerConfig, out explanation, out failure))
            {
                Console.Error.WriteLine($"error: {failure}");
                return ExitCodes.RunFailure;
            }
        }
        catch (SchedulerConfigException e)
        {
            Console.Error.WriteLine($"error: {configPath ?? "default configuration"}: {e.Message}");
            return configPath is null ? ExitCodes.RunFailure : ExitCodes.InvalidInput;
        }

        explanation = explanation! with { Notes = [.. notes, .. explanation.Notes] };
        if (json)
        {
            Console.Out.WriteLine(ExplanationJson.Write(explanation));
        }
        else
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
            if (Console.IsOutputRedirected)
            {
                console.Profile.Width = 240;
            }

            ExplanationTable.Write(console, explanation);
        }

        return ExitCodes.Success;
    }
}
