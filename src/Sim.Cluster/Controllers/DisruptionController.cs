using Sim.Cluster.Api;
using Sim.Cluster.Objects;

namespace Sim.Cluster.Controllers;

/// <summary>
/// The disruption controller (upstream <c>pkg/controller/disruption</c>): keeps each
/// PodDisruptionBudget's status, and <see cref="TryEvict"/> is the eviction API that respects it.
/// </summary>
/// <remarks>
/// As upstream: with <c>minAvailable</c> as a count, the expected pods are the matching pods and the
/// desired healthy count is that number; with a percentage, or with <c>maxUnavailable</c>, the
/// expected pods come from the matching pods' controllers' replica counts (percentages of
/// minAvailable round up, of maxUnavailable round up too, as <c>GetScaledValueFromIntOrPercent</c>
/// is called with roundUp = true for both). Healthy pods are ready and not being deleted.
/// An eviction is refused (<see cref="ApiStatus.TooManyRequests"/>) when a budget covering the pod
/// allows no disruption; an accepted eviction lowers the budget's allowed disruptions at once, before
/// the controller recomputes it. The controllers' scale is read from ReplicationControllers,
/// ReplicaSets and their Deployments; pods without a known controller count as one each.
/// </remarks>
public sealed class DisruptionController
{
    private const string Name = "disruption-controller";

    private readonly SimulatedCluster _cluster;
    private readonly ApiClient _api;
    private readonly WorkQueue<ObjectKey> _queue;
    private readonly SortedDictionary<ObjectKey, PodDisruptionBudget> _budgets = [];

    // The controller's pod cache (upstream's pod informer), and per budget the cached pods it selects,
    // so a sync looks at its own pods instead of listing every pod in the cluster.
    // Every pod by uid (one to one with its key while it exists), the latest version of each.
    private readonly UidMap<Pod> _pods = new();
    private readonly Dictionary<ObjectKey, Dictionary<ObjectKey, Pod>> _selected = [];

    // The budgets that can select pods, by one label their selector requires: a pod event looks at those
    // its labels (before and after) might match, in key order, instead of at every budget.
    private readonly SelectorIndex _index = new();

    internal DisruptionController(SimulatedCluster cluster)
    {
        _cluster = cluster;
        _api = cluster.Client(Name);
        _queue = new WorkQueue<ObjectKey>(cluster.Simulation, Sync);
        _api.Watch(cluster.WatchOptionsFor(Name, PodDisruptionBudget.KindName), e =>
        {
            if (e.Type == WatchEventType.Deleted)
            {
                _budgets.Remove(e.Item.Key);
                _selected.Remove(e.Item.Key);
                _index.Remove(e.Item.Key);
            }
            else
            {
                var budget = (PodDisruptionBudget)e.Item;
                var known = _budgets.TryGetValue(e.Item.Key, out var previous) && Equals(previous.Selector, budget.Selector);
                _budgets[e.Item.Key] = budget;
                if (known)
                {
                    _queue.Add(e.Item.Key);
                    return;
                }

                var selected = new Dictionary<ObjectKey, Pod>();
                foreach (var pod in _pods.Values)
                {
                    if (Selects(e.Item.Key, budget, pod))
                    {
                        selected.Add(pod.Key, pod);
                    }
                }

                _selected[e.Item.Key] = selected;
                if (budget.Selector.MatchesNothing)
                {
                    _index.Remove(e.Item.Key);
                }
                else
                {
                    _index.Set(e.Item.Key, budget.Selector.PinnedLabel());
                }
            }

            _queue.Add(e.Item.Key);
        });
        _api.Watch(cluster.WatchOptionsFor(Name, Pod.KindName), OnPod);
    }

    /// <summary>
    /// The eviction API: requests deletion of <paramref name="pod"/> unless a budget covering it
    /// allows no disruption. Writes as <paramref name="component"/>.
    /// </summary>
    public ApiResult<Pod> TryEvict(ObjectKey pod, string component)
    {
        var client = _cluster.Client(component);
        var target = client.Get<Pod>(pod);
        if (target is null)
        {
            return new ApiResult<Pod>(ApiStatus.NotFound, null, $"{pod} not found");
        }

        var labels = target.Metadata.Labels;
        var budgets = _api.List(PodDisruptionBudget.KindName).Cast<PodDisruptionBudget>()
            .Where(b => b.Metadata.Namespace == target.Metadata.Namespace && b.Selector.Matches(labels)).ToList();
        foreach (var budget in budgets)
        {
            if (budget.Status.DisruptionsAllowed <= 0)
            {
                return new ApiResult<Pod>(ApiStatus.TooManyRequests, target, $"Cannot evict pod as it would violate the pod's disruption budget {budget.Metadata.Name}");
            }
        }

        foreach (var budget in budgets)
        {
            var status = budget.Status with { DisruptionsAllowed = budget.Status.DisruptionsAllowed - 1 };
            _api.Update(budget with { Status = status }, $"disruption allowed for {target.Metadata.Name}");
        }

        return client.Update(target with { DeletionRequestedAt = _cluster.Simulation.Now, Status = target.Status with { Reason = "Evicted" } }, "evicted (eviction API)");
    }

    private void OnPod(WatchEvent e)
    {
        var pod = (Pod)e.Item;
        var deleted = e.Type == WatchEventType.Deleted;
        var before = deleted ? _pods.Remove(pod.Metadata.Uid) : _pods.Set(pod.Metadata.Uid, pod);
        if (_index.Count == 0)
        {
            return;
        }

        // A budget holds the pod in its selected set exactly when it selects the version seen before (its
        // set was filled from the cached pods and follows every event since): the budgets that select
        // neither that version nor this one have nothing to do, and the rest are taken in key order, as a
        // loop over every budget would meet them.
        foreach (var key in _index.CandidatesFor(deleted ? null : pod.Metadata, before?.Metadata))
        {
            var budget = _budgets[key];
            var selected = _selected[key];
            if (!deleted && Selects(key, budget, pod))
            {
                selected[pod.Key] = pod;
                _queue.Add(key);
            }
            else if (selected.Remove(pod.Key))
            {
                _queue.Add(key);
            }
        }
    }

    private static bool Selects(ObjectKey budgetKey, PodDisruptionBudget budget, Pod pod) =>
        budgetKey.Namespace == pod.Metadata.Namespace && budget.Selector.Matches(pod.Metadata.Labels);

    private void Sync(ObjectKey key)
    {
        var budget = _api.Get<PodDisruptionBudget>(key);
        if (budget is null)
        {
            return;
        }

        var pods = _selected.TryGetValue(key, out var selected) ? [.. selected.Values] : new List<Pod>();
        var healthy = pods.Count(p => p.Status.IsReady && p.DeletionRequestedAt is null && p.IsActive);
        int expected, desired;
        if (budget.MinAvailable is { IsPercent: false } count)
        {
            expected = pods.Count;
            desired = count.Value;
        }
        else
        {
            expected = ExpectedFromControllers(pods);
            desired = budget.MaxUnavailable is { } maxUnavailable
                ? Math.Max(0, expected - maxUnavailable.Scaled(expected, roundUp: true))
                : budget.MinAvailable!.Value.Scaled(expected, roundUp: true);
        }

        var status = new PodDisruptionBudgetStatus
        {
            CurrentHealthy = healthy,
            DesiredHealthy = desired,
            ExpectedPods = expected,
            DisruptionsAllowed = Math.Max(0, healthy - desired),
        };
        if (status != budget.Status)
        {
            _api.Update(budget with { Status = status }, $"status: {status.DisruptionsAllowed} disruption(s) allowed");
        }
    }

    private int ExpectedFromControllers(List<Pod> pods)
    {
        var expected = 0;
        var seen = new HashSet<long>();
        foreach (var pod in pods)
        {
            if (pod.Owner is { Kind: ReplicationController.KindName } owner)
            {
                if (seen.Add(owner.Uid) && _api.Get<ReplicationController>(new ObjectKey(owner.Kind, pod.Metadata.Namespace, owner.Name)) is { } controller)
                {
                    expected += controller.Spec.Replicas;
                }
            }
            else if (pod.Owner is { Kind: ReplicaSet.KindName } rsOwner)
            {
                // A ReplicaSet's scale, or its Deployment's when it has one (upstream: the top controller's scale).
                var replicaSet = _api.Get<ReplicaSet>(new ObjectKey(rsOwner.Kind, pod.Metadata.Namespace, rsOwner.Name));
                if (replicaSet?.Owner is { Kind: Deployment.KindName } deploymentOwner)
                {
                    if (seen.Add(deploymentOwner.Uid) && _api.Get<Deployment>(new ObjectKey(deploymentOwner.Kind, pod.Metadata.Namespace, deploymentOwner.Name)) is { } deployment)
                    {
                        expected += deployment.Spec.Replicas;
                    }
                }
                else if (replicaSet is not null && seen.Add(rsOwner.Uid))
                {
                    expected += replicaSet.Spec.Replicas;
                }
            }
            else if (pod.IsActive)
            {
                expected++;
            }
        }

        return expected;
    }
}
