using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;

namespace Sim.Cluster.Tests.Scenarios;

/// <summary>
/// The endpoints and disruption controllers look at a pod event only for the Services and budgets whose
/// selector requires a label the pod had or has (or that require none). Against the definition, on a
/// randomized run: pods in two namespaces created, relabelled across selectors and deleted, Services
/// and budgets created, reselected and deleted (selectors with equality labels, a one-value set, sets
/// of several values, a negation, an empty Service selector, a budget selecting nothing). Whenever the
/// cluster is quiet, every Endpoints object must list exactly the ready pods its Service selects and
/// every budget must count exactly the pods it selects.
/// </summary>
public class SelectorControllerTests
{
    private static readonly string[] Namespaces = ["default", "other"];
    private static readonly string[] ServiceSelectors = ["app=a", "app=b,tier=x", "tier=y", ""];
    private static readonly string[] BudgetSelectors = ["app=a", "tier in (x)", "tier in (x,y)", "!tier", "app=b,tier=x", "nothing"];

    [Test]
    public void Endpoints_and_budgets_follow_pods_across_selectors([Range(1, 6)] int seed)
    {
        var random = new Random(seed);
        var cluster = new SimulatedCluster(seed: (ulong)seed, scheduler: Scheduling.FirstFitByName.Configuration(), plugins: Scheduling.FirstFitByName.Registry());
        foreach (var name in new[] { "node-a", "node-b" })
        {
            cluster.AddNode(name, ResourceList.Builder().Cpu(64_000).Memory(256L << 30).Pods(110).Build());
        }

        var kubectl = cluster.Client("kubectl");
        var pods = new List<ObjectKey>();
        var checks = 0;
        for (var step = 0; step < 160; step++)
        {
            var op = random.Next(100);
            var ns = Namespaces[random.Next(Namespaces.Length)];
            if (op < 35)
            {
                var pod = new Pod
                {
                    Metadata = new ObjectMeta { Name = $"p{step}", Namespace = ns, Labels = RandomLabels(random) },
                    Spec = new PodSpec { Containers = [new Container("app", ResourceList.Builder().Cpu(10).Memory(1L << 20).Build())] },
                };
                Assert.That(kubectl.Create(pod).Status, Is.EqualTo(ApiStatus.Ok));
                pods.Add(pod.Key);
            }
            else if (op < 60 && pods.Count != 0)
            {
                if (cluster.Api.Get<Pod>(pods[random.Next(pods.Count)]) is { } pod)
                {
                    kubectl.Update(pod with { Metadata = pod.Metadata with { Labels = RandomLabels(random) } }, "relabelled");
                }
            }
            else if (op < 72 && pods.Count != 0)
            {
                var i = random.Next(pods.Count);
                kubectl.Delete(pods[i]);
                pods.RemoveAt(i);
            }
            else if (op < 86)
            {
                var key = new ObjectKey(Service.KindName, ns, $"svc-{random.Next(4)}");
                var selector = ServiceSelectors[random.Next(ServiceSelectors.Length)];
                Upsert(kubectl, cluster.Api.Get<Service>(key), new Service { Metadata = new ObjectMeta { Name = key.Name, Namespace = ns }, Selector = EqualitySelector(selector) });
            }
            else if (op < 96)
            {
                var key = new ObjectKey(PodDisruptionBudget.KindName, ns, $"pdb-{random.Next(4)}");
                var text = BudgetSelectors[random.Next(BudgetSelectors.Length)];
                Upsert(kubectl, cluster.Api.Get<PodDisruptionBudget>(key), new PodDisruptionBudget
                {
                    Metadata = new ObjectMeta { Name = key.Name, Namespace = ns },
                    Selector = text == "nothing" ? LabelSelector.Nothing : LabelSelector.Parse(text),
                    MinAvailable = IntOrPercent.Absolute(1),
                });
            }
            else
            {
                var kind = random.Next(2) == 0 ? Service.KindName : PodDisruptionBudget.KindName;
                kubectl.Delete(new ObjectKey(kind, ns, $"{(kind == Service.KindName ? "svc" : "pdb")}-{random.Next(4)}"));
            }

            cluster.Simulation.RunFor(TimeSpan.FromMilliseconds(random.Next(2_000)));
            if (step % 20 == 19)
            {
                cluster.Simulation.RunFor(TimeSpan.FromMinutes(2));
                Check(cluster, $"seed {seed} step {step}");
                checks++;
            }
        }

        Assert.That(checks, Is.EqualTo(8));
    }

    private static void Check(SimulatedCluster cluster, string what)
    {
        var pods = cluster.Api.List(Pod.KindName).Cast<Pod>().ToList();
        foreach (var service in cluster.Api.List(Service.KindName).Cast<Service>())
        {
            var endpoints = cluster.Api.Get<Endpoints>(new ObjectKey(Endpoints.KindName, service.Metadata.Namespace, service.Metadata.Name));
            if (service.Selector.Count == 0)
            {
                continue; // a Service without a selector has its endpoints managed by hand
            }

            var expected = pods
                .Where(p => p.Metadata.Namespace == service.Metadata.Namespace && service.Selector.All(l => p.Metadata.Labels.TryGetValue(l.Key, out var v) && v == l.Value))
                .Where(p => p.IsBound && p.IsActive && p.Status.IsReady)
                .Select(p => p.Metadata.Name)
                .Order(StringComparer.Ordinal);
            Assert.That(endpoints?.Addresses.Select(a => a.PodName) ?? [], Is.EqualTo(expected), $"{what}: endpoints of {service.Key}");
        }

        foreach (var budget in cluster.Api.List(PodDisruptionBudget.KindName).Cast<PodDisruptionBudget>())
        {
            var selected = pods.Where(p => p.Metadata.Namespace == budget.Metadata.Namespace && budget.Selector.Matches(p.Metadata.Labels)).ToList();
            var healthy = selected.Count(p => p.Status.IsReady && p.DeletionRequestedAt is null && p.IsActive);
            Assert.That((budget.Status.ExpectedPods, budget.Status.CurrentHealthy), Is.EqualTo((selected.Count, healthy)), $"{what}: status of {budget.Key}");
        }
    }

    private static void Upsert<T>(ApiClient client, T? existing, T wanted)
        where T : ApiObject
    {
        var result = existing is null ? client.Create(wanted) : client.Update(wanted with { Metadata = existing.Metadata });
        Assert.That(result.Status, Is.EqualTo(ApiStatus.Ok), result.Message);
    }

    private static ImmutableSortedDictionary<string, string> EqualitySelector(string text)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=');
            builder[parts[0]] = parts[1];
        }

        return builder.ToImmutable();
    }

    private static ImmutableSortedDictionary<string, string> RandomLabels(Random random)
    {
        var labels = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (random.Next(5) != 0)
        {
            labels["app"] = ((char)('a' + random.Next(3))).ToString();
        }

        if (random.Next(3) != 0)
        {
            labels["tier"] = random.Next(2) == 0 ? "x" : "y";
        }

        return labels.ToImmutable();
    }
}
