using Sim.Cluster.Objects;
using Sim.Engine;
using Sim.Scheduling.Plugins.DefaultPreemption;

namespace Sim.Metrics;

/// <summary>A pod write: the counters and latencies it adds to, and the move of its requests between nodes and the pending set.</summary>
internal sealed partial class ClusterLedger
{
    /// <summary>The counters and latencies a write adds to.</summary>
    private void Count(Pod? before, Pod? after, PodAccount account, SimTime now)
    {
        if (before is null)
        {
            Created++;
            _shapes.Add(PodGpu.ShapeOf(after!));
        }

        if (after is null)
        {
            return;
        }

        if (before is { IsBound: false } && after.IsBound)
        {
            Scheduled++;
            SchedulingLatency.Add(now - account.CreatedAt);
        }

        if (after.Status.Phase == PodPhase.Running && !account.RunningSeen)
        {
            account.RunningSeen = true;
            StartupLatency.Add(now - account.CreatedAt);
        }

        if (before is null || before.Status.Phase != after.Status.Phase)
        {
            if (after.Status.Phase == PodPhase.Succeeded)
            {
                Succeeded++;
            }
            else if (after.Status.Phase == PodPhase.Failed)
            {
                Failed++;
            }
        }

        if (before is { DeletionRequestedAt: null } && after.DeletionRequestedAt is not null
            && after.Status.Reason == DefaultPreemption.PreemptionByScheduler)
        {
            Preempted++;
        }
    }

    /// <summary>Moves the pod's requests to where its new version counts (<paramref name="pod"/> null: removed).</summary>
    private void Place(PodAccount account, Pod? pod)
    {
        NodeAccount? node = null;
        var pending = false;
        var unschedulable = false;
        var requests = account.Requests;
        var gpu = account.Gpu;
        if (pod is not null)
        {
            var terminal = pod.Status.Phase is PodPhase.Succeeded or PodPhase.Failed;
            if (pod.IsBound && !terminal)
            {
                node = account.Node is { } current && string.Equals(current.Name, pod.Spec.NodeName, StringComparison.Ordinal)
                    ? current
                    : NodeNamed(pod.Spec.NodeName);
            }
            else if (!pod.IsBound && pod.IsActive)
            {
                pending = true;
                unschedulable = pod.Status.Reason == UnschedulableReason;
            }

            if (!ReferenceEquals(pod.Spec, account.Spec) || !ReferenceEquals(pod.Metadata.Annotations, account.Annotations))
            {
                var annotationsChanged = account.Annotations is not null && !ReferenceEquals(pod.Metadata.Annotations, account.Annotations);
                account.Spec = pod.Spec;
                account.Annotations = pod.Metadata.Annotations;
                var list = pod.Spec.Requests();
                gpu = PodGpu.Of(pod, list);
                requests = Amounts.OfPod(list, gpu);
                if (annotationsChanged && node is not null && node == account.Node && !account.Gpu.IsNone)
                {
                    node.GpuChanged(); // e.g. the device index written while the pod stays on the node
                }
            }

            account.GpuPod = gpu.IsNone ? null : pod;
        }

        if (node == account.Node && pending == account.Pending && unschedulable == account.Unschedulable && requests == account.Requests && gpu == account.Gpu)
        {
            return;
        }

        Leave(account);
        account.Node = node;
        account.Pending = pending;
        account.Unschedulable = unschedulable;
        account.Requests = requests;
        account.Gpu = gpu;
        Enter(account);
        MaxNodesInUse = Math.Max(MaxNodesInUse, NodesInUse);
        MaxPendingPods = Math.Max(MaxPendingPods, PendingPods);
        MaxUnschedulablePods = Math.Max(MaxUnschedulablePods, UnschedulablePods);
    }

    private void Leave(PodAccount account)
    {
        if (account.Node is { } node)
        {
            ChangeNode(node, Amounts.Zero - account.Requests, -1);
            if (!account.Gpu.IsNone)
            {
                node.RemoveGpuPod(account);
            }

            BoundPods--;
            _demand -= account.Requests;
        }

        if (account.Pending)
        {
            PendingPods--;
            _demand -= account.Requests;
        }

        if (account.Unschedulable)
        {
            UnschedulablePods--;
        }
    }

    private void Enter(PodAccount account)
    {
        if (account.Node is { } node)
        {
            ChangeNode(node, account.Requests, +1);
            if (!account.Gpu.IsNone)
            {
                node.AddGpuPod(account);
            }

            BoundPods++;
            _demand += account.Requests;
        }

        if (account.Pending)
        {
            PendingPods++;
            _demand += account.Requests;
        }

        if (account.Unschedulable)
        {
            UnschedulablePods++;
        }
    }

    private void ChangeNode(NodeAccount node, Amounts requests, int pods)
    {
        if (_perNode)
        {
            node.Advance(_lastTicks);
        }

        Detach(node);
        node.Used += requests;
        var wasInUse = node.Pods > 0;
        node.Pods += pods;
        Attach(node);
        if (wasInUse != node.Pods > 0)
        {
            NodesInUse += wasInUse ? -1 : 1;
        }
    }
}
