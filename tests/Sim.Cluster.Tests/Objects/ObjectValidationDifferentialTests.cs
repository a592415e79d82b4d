using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;
using Sim.Cluster.Resources;
using Sim.Engine;
using Sim.Engine.Randomness;

namespace Sim.Cluster.Tests.Objects;

/// <summary>
/// Pod validation builds its field paths only when it finds a problem, and the API server checks a
/// spec shared by many pods once. Both against the straightforward validation they replaced
/// (<see cref="Reference"/>, kept here as it was), on random pods: the same problems, in the same order.
/// </summary>
public class ObjectValidationDifferentialTests
{
    private static readonly string[] Names = ["web", "Web", "a.b", "a..b", "-a", "a-", "x", "db-1", "", "app.v2.", "9z"];
    private static readonly string[] ContainerNames = ["app", "side", "", "init"];

    [Test]
    public void Validation_finds_the_same_problems_as_the_reference_on_random_pods()
    {
        var random = new RandomStreams(11).For("validation");
        var invalid = 0;
        for (var i = 0; i < 3000; i++)
        {
            var pod = RandomPod(random, $"pod-{i}");
            var expected = Reference.Validate(pod);
            invalid += expected.Count == 0 ? 0 : 1;
            Assert.That(ObjectValidation.Validate(pod), Is.EqualTo(expected), $"pod {i}");
        }

        Assert.That(invalid, Is.InRange(1000, 2500), "the random pods mix valid and invalid ones");
    }

    [Test]
    public void The_api_server_refuses_every_pod_of_a_shared_invalid_spec_and_admits_every_pod_of_a_shared_valid_one()
    {
        var random = new RandomStreams(12).For("validation");
        var api = new ApiServer(new Simulation());
        ObjectValidation.Register(api);
        for (var s = 0; s < 200; s++)
        {
            var spec = RandomPod(random, "template").Spec;
            for (var i = 0; i < 3; i++)
            {
                var pod = new Pod { Metadata = new ObjectMeta { Name = $"p-{s}-{i}", Namespace = "default" }, Spec = spec };
                var expected = Reference.Validate(pod);
                var result = api.Create(pod);
                if (expected.Count == 0)
                {
                    Assert.That(result.Status, Is.EqualTo(ApiStatus.Ok), $"spec {s}, pod {i}");
                }
                else
                {
                    Assert.That(result.Message, Is.EqualTo($"{pod.Key} is invalid: {string.Join("; ", expected)}"), $"spec {s}, pod {i}");
                }
            }
        }
    }

    [Test]
    public void The_api_server_judges_copies_of_a_spec_with_another_node_name_as_the_reference_does()
    {
        // A bind writes a copy of the pod's spec with the node name set; the server takes a copy of the
        // last valid spec that differs only there as valid. Random specs, valid and not, each created and
        // then written again as copies with node names, some also changing another field.
        var random = new RandomStreams(13).For("validation");
        var api = new ApiServer(new Simulation());
        ObjectValidation.Register(api);
        var checkedCopies = 0;
        for (var s = 0; s < 300; s++)
        {
            var spec = RandomPod(random, "template").Spec;
            var other = RandomPod(random, "other").Spec;
            for (var i = 0; i < 3; i++)
            {
                var copy = spec with { NodeName = $"node-{random.Next(5)}" };
                if (random.Next(4) == 0)
                {
                    copy = copy with { Containers = other.Containers };
                }

                var pod = new Pod { Metadata = new ObjectMeta { Name = $"p-{s}-{i}", Namespace = "default" }, Spec = i == 0 ? spec : copy };
                var expected = Reference.Validate(pod);
                var result = api.Create(pod);
                checkedCopies += i == 0 ? 0 : 1;
                if (expected.Count == 0)
                {
                    Assert.That(result.Status, Is.EqualTo(ApiStatus.Ok), $"spec {s}, pod {i}");
                }
                else
                {
                    Assert.That(result.Message, Is.EqualTo($"{pod.Key} is invalid: {string.Join("; ", expected)}"), $"spec {s}, pod {i}");
                }
            }
        }

        Assert.That(checkedCopies, Is.EqualTo(600));
    }

    private static Pod RandomPod(SimRandom random, string name)
    {
        if (random.Next(100) < 35)
        {
            return ValidPod(random, name);
        }

        T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
        bool Sometimes(int percent) => random.Next(100) < percent;

        Container RandomContainer()
        {
            var requests = ResourceList.Builder().Cpu(random.Next(3) * 500).Memory(random.Next(3) << 20).Build();
            var limits = Sometimes(40) ? ResourceList.Builder().Cpu(random.Next(3) * 500).Memory(random.Next(3) << 20).Build() : null;
            return new Container(Pick(ContainerNames), requests, limits, RestartAlways: Sometimes(30))
            {
                RunFor = Sometimes(20) ? TimeSpan.FromSeconds(random.Next(-2, 3)) : null,
            };
        }

        ImmutableArray<T> Several<T>(int max, Func<T> make)
        {
            var builder = ImmutableArray.CreateBuilder<T>();
            for (var n = random.Next(max + 1); n > 0; n--)
            {
                builder.Add(make());
            }

            return builder.ToImmutable();
        }

        var selector = LabelSelector.Parse("app=web");
        var affinity = Sometimes(30)
            ? new Affinity
            {
                NodeAffinity = Sometimes(50) ? new NodeAffinity { Preferred = Several(2, () => new PreferredSchedulingTerm(random.Next(-1, 102), new NodeSelectorTerm())) } : null,
                PodAffinity = Sometimes(50) ? new PodAffinityRules { Required = Several(2, () => new PodAffinityTerm(selector, Sometimes(50) ? "zone" : string.Empty)) } : null,
                PodAntiAffinity = Sometimes(50) ? new PodAffinityRules { Preferred = Several(2, () => new WeightedPodAffinityTerm(random.Next(-1, 102), new PodAffinityTerm(selector, "zone"))) } : null,
            }
            : null;
        var labels = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);
        if (Sometimes(20))
        {
            labels = labels.Add(Pick(Names) is { Length: > 0 } key ? key : "k", Pick(Names));
        }

        return new Pod
        {
            Metadata = new ObjectMeta { Name = Sometimes(90) ? name : Pick(Names), Namespace = Sometimes(95) ? "default" : string.Empty, Labels = labels },
            Spec = new PodSpec
            {
                Containers = Sometimes(95) ? Several(3, RandomContainer) : [],
                InitContainers = Sometimes(40) ? Several(2, RandomContainer) : [],
                NodeSelector = Sometimes(20) ? labels : ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal),
                Tolerations = Several(3, () => new Toleration(
                    Sometimes(60) ? "k" : string.Empty,
                    Sometimes(50) ? TolerationOperator.Exists : TolerationOperator.Equal,
                    Sometimes(30) ? "v" : string.Empty,
                    Sometimes(50) ? TaintEffect.NoExecute : Sometimes(50) ? TaintEffect.NoSchedule : null,
                    Sometimes(30) ? 5 : null)),
                TopologySpreadConstraints = Several(2, () => new TopologySpreadConstraint(
                    random.Next(0, 3),
                    Sometimes(80) ? "zone" : string.Empty,
                    Sometimes(50) ? WhenUnsatisfiable.DoNotSchedule : WhenUnsatisfiable.ScheduleAnyway,
                    selector,
                    Sometimes(30) ? random.Next(0, 3) : null)),
                Affinity = affinity,
                Priority = Sometimes(5) ? int.MinValue : 0,
                PriorityClassName = "gold",
                TerminationGracePeriod = TimeSpan.FromSeconds(Sometimes(5) ? -1 : 30),
            },
        };
    }

    /// <summary>A pod without problems, of random size: unique container names, valid tolerations and constraints.</summary>
    private static Pod ValidPod(SimRandom random, string name)
    {
        var requests = ResourceList.Builder().Cpu(100).Memory(1 << 20).Build();
        return new Pod
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default" },
            Spec = new PodSpec
            {
                InitContainers = [.. Enumerable.Range(0, random.Next(3)).Select(i => new Container($"init-{i}", requests, RestartAlways: i == 0))],
                Containers = [.. Enumerable.Range(0, random.Next(1, 4)).Select(i => new Container($"app-{i}", requests, requests))],
                Tolerations = [.. Enumerable.Range(0, random.Next(3)).Select(i => new Toleration($"k{i}", TolerationOperator.Equal, "v", TaintEffect.NoExecute, 60))],
                TopologySpreadConstraints = [.. Enumerable.Range(0, random.Next(2)).Select(_ => new TopologySpreadConstraint(1, "zone", WhenUnsatisfiable.DoNotSchedule, LabelSelector.Parse("app=web"), 2))],
            },
        };
    }

    /// <summary>Pod validation as it was before the field paths became lazy (metadata, then spec).</summary>
    private static class Reference
    {
        public static List<string> Validate(Pod pod)
        {
            var problems = new List<string>();
            var meta = pod.Metadata;
            if (string.IsNullOrEmpty(meta.Name))
            {
                problems.Add("metadata.name: Required value: name or generateName is required");
            }
            else if (!IsDnsSubdomain(meta.Name))
            {
                problems.Add($"metadata.name: Invalid value: \"{meta.Name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character");
            }

            if (string.IsNullOrEmpty(meta.Namespace))
            {
                problems.Add("metadata.namespace: Required value");
            }

            Labels(meta.Labels, "metadata.labels", problems);
            Spec(pod.Spec, "spec", problems);
            return problems;
        }

        private static void Spec(PodSpec spec, string path, List<string> problems)
        {
            if (spec.Containers.IsEmpty)
            {
                problems.Add($"{path}.containers: Required value");
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            Containers(spec.InitContainers, $"{path}.initContainers", names, problems);
            Containers(spec.Containers, $"{path}.containers", names, problems);
            Labels(spec.NodeSelector, $"{path}.nodeSelector", problems);
            for (var i = 0; i < spec.Tolerations.Length; i++)
            {
                var toleration = spec.Tolerations[i];
                var where = $"{path}.tolerations[{i}]";
                if (toleration.Key.Length == 0 && toleration.Operator != TolerationOperator.Exists)
                {
                    problems.Add($"{where}.operator: Invalid value: \"{toleration.Operator}\": operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
                }

                if (toleration.Operator == TolerationOperator.Exists && toleration.Value.Length != 0)
                {
                    problems.Add($"{where}.operator: Invalid value: \"{toleration.Value}\": value must be empty when `operator` is 'Exists'");
                }

                if (toleration.TolerationSeconds is not null && toleration.Effect != TaintEffect.NoExecute)
                {
                    problems.Add($"{where}.effect: Invalid value: \"{toleration.Effect}\": effect must be 'NoExecute' when `tolerationSeconds` is set");
                }
            }

            for (var i = 0; i < spec.TopologySpreadConstraints.Length; i++)
            {
                var constraint = spec.TopologySpreadConstraints[i];
                var where = $"{path}.topologySpreadConstraints[{i}]";
                if (constraint.MaxSkew < 1)
                {
                    problems.Add($"{where}.maxSkew: Invalid value: {constraint.MaxSkew}: must be greater than zero");
                }

                if (string.IsNullOrEmpty(constraint.TopologyKey))
                {
                    problems.Add($"{where}.topologyKey: Required value: can not be empty");
                }

                if (constraint.MinDomains is { } minDomains && (minDomains < 1 || constraint.WhenUnsatisfiable != WhenUnsatisfiable.DoNotSchedule))
                {
                    problems.Add($"{where}.minDomains: Invalid value: {minDomains}: must be greater than 0, and only with whenUnsatisfiable DoNotSchedule");
                }
            }

            if (spec.Affinity?.NodeAffinity is { } nodeAffinity)
            {
                for (var i = 0; i < nodeAffinity.Preferred.Length; i++)
                {
                    if (nodeAffinity.Preferred[i].Weight is < 1 or > 100)
                    {
                        problems.Add($"{path}.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[{i}].weight: Invalid value: {nodeAffinity.Preferred[i].Weight}: must be in the range 1-100");
                    }
                }
            }

            foreach (var (rules, name) in new[] { (spec.Affinity?.PodAffinity, "podAffinity"), (spec.Affinity?.PodAntiAffinity, "podAntiAffinity") })
            {
                if (rules is null)
                {
                    continue;
                }

                for (var i = 0; i < rules.Required.Length; i++)
                {
                    if (string.IsNullOrEmpty(rules.Required[i].TopologyKey))
                    {
                        problems.Add($"{path}.affinity.{name}.requiredDuringSchedulingIgnoredDuringExecution[{i}].topologyKey: Required value: can not be empty");
                    }
                }

                for (var i = 0; i < rules.Preferred.Length; i++)
                {
                    if (rules.Preferred[i].Weight is < 1 or > 100)
                    {
                        problems.Add($"{path}.affinity.{name}.preferredDuringSchedulingIgnoredDuringExecution[{i}].weight: Invalid value: {rules.Preferred[i].Weight}: must be in the range 1-100");
                    }
                }
            }

            if (spec.Priority == int.MinValue)
            {
                problems.Add($"{path}.priorityClassName: Invalid value: \"{spec.PriorityClassName}\": no PriorityClass with name {spec.PriorityClassName} was found");
            }

            if (spec.TerminationGracePeriod < TimeSpan.Zero)
            {
                problems.Add($"{path}.terminationGracePeriodSeconds: Invalid value: must be greater than or equal to 0");
            }
        }

        private static void Containers(ImmutableArray<Container> containers, string path, HashSet<string> names, List<string> problems)
        {
            for (var i = 0; i < containers.Length; i++)
            {
                var container = containers[i];
                var where = $"{path}[{i}]";
                if (string.IsNullOrEmpty(container.Name))
                {
                    problems.Add($"{where}.name: Required value");
                }
                else if (!names.Add(container.Name))
                {
                    problems.Add($"{where}.name: Duplicate value: \"{container.Name}\"");
                }

                if (container.RunFor is { } runFor && runFor < TimeSpan.Zero)
                {
                    problems.Add($"{where}.runFor: Invalid value: must be greater than or equal to 0");
                }

                if (container.Limits is { } limits)
                {
                    var requests = container.Requests;
                    if (limits.HasCpu && requests.HasCpu && requests.MilliCpu > limits.MilliCpu)
                    {
                        problems.Add($"{where}.resources.requests: Invalid value: \"{requests.MilliCpu}m\": must be less than or equal to cpu limit of {limits.MilliCpu}m");
                    }

                    if (limits.HasMemory && requests.HasMemory && requests.Memory > limits.Memory)
                    {
                        problems.Add($"{where}.resources.requests: Invalid value: \"{requests.Memory}\": must be less than or equal to memory limit of {limits.Memory}");
                    }
                }
            }
        }

        private static void Labels(ImmutableSortedDictionary<string, string> labels, string path, List<string> problems)
        {
            foreach (var (key, value) in labels)
            {
                if (!LabelValidation.IsValidKey(key, out var keyError))
                {
                    problems.Add($"{path}: Invalid value: {keyError}");
                }

                if (!LabelValidation.IsValidValue(value, out var valueError))
                {
                    problems.Add($"{path}[{key}]: Invalid value: {valueError}");
                }
            }
        }

        private static bool IsDnsSubdomain(string name)
        {
            if (name.Length > 253)
            {
                return false;
            }

            foreach (var part in name.Split('.'))
            {
                if (part.Length == 0 || !char.IsAsciiLetterLower(part[0]) && !char.IsAsciiDigit(part[0])
                    || !char.IsAsciiLetterLower(part[^1]) && !char.IsAsciiDigit(part[^1]))
                {
                    return false;
                }

                foreach (var c in part)
                {
                    if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }
}
