using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;

namespace Sim.Cluster.Tests.Scenarios;

/// <summary>The garbage collector's background cascading deletion: what a deleted owner owned is deleted after it.</summary>
public class GarbageCollectionTests
{
    [Test]
    public void Deleting_a_deployment_deletes_its_replica_sets_and_their_pods()
    {
        var cluster = DeploymentRolloutTests.BuildCluster();
        var kubectl = cluster.Client("kubectl");
        kubectl.Create(DeploymentRolloutTests.NewDeployment(replicas: 4, new DeploymentStrategy(), image: "web:1", minReadySeconds: 0));
        cluster.Simulation.RunUntil(SimTime.FromSeconds(10));
        var before = (ReplicaSets: DeploymentRolloutTests.ReplicaSetsOf(cluster).Count, Pods: cluster.Api.List(Pod.KindName).Count);

        kubectl.Delete(new ObjectKey(Deployment.KindName, "default", "web"));
        cluster.Simulation.RunUntil(SimTime.FromSeconds(15));

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo((1, 4)));
            Assert.That(cluster.Api.List(ReplicaSet.KindName), Is.Empty);
            Assert.That(cluster.Api.List(Pod.KindName), Is.Empty, "the running pods terminated and were removed");
            Assert.That(cluster.GarbageCollector.Collected, Is.EqualTo(5), "one ReplicaSet and four pods");
            Assert.That(cluster.Kubelets.Values.Sum(k => k.RunningPods), Is.Zero);
        });
    }

    [Test]
    public void Deleting_a_replica_set_deletes_its_pods_gracefully()
    {
        var cluster = DeploymentRolloutTests.BuildCluster();
        var kubectl = cluster.Client("kubectl");
        var labels = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("app", "front");
        Assert.That(LabelSelector.TryCreate(new LabelSelectorSpec { MatchLabels = labels }, out var selector, out _), Is.True);
        kubectl.Create(new ReplicaSet
        {
            Metadata = new ObjectMeta { Name = "front", Namespace = "default" },
            Spec = new ReplicaSetSpec
            {
                Replicas = 3,
                Selector = selector,
                Template = new PodTemplate { Labels = labels, Spec = new PodSpec { Containers = [new Container("web", ResourceList.Builder().Cpu(100).Build())] } },
            },
        });
        cluster.Simulation.RunUntil(SimTime.FromSeconds(10));

        kubectl.Delete(new ObjectKey(ReplicaSet.KindName, "default", "front"));
        cluster.Simulation.RunFor(TimeSpan.FromMilliseconds(500));
        var terminating = cluster.Api.List(Pod.KindName).Cast<Pod>().Count(p => p.DeletionRequestedAt is not null);
        cluster.Simulation.RunUntil(SimTime.FromSeconds(15));

        Assert.Multiple(() =>
        {
            Assert.That(terminating, Is.EqualTo(3), "the running pods terminate first");
            Assert.That(cluster.Api.List(Pod.KindName), Is.Empty);
            Assert.That(cluster.Log.Events.Count(e => e.Component == "garbage-collector" && e.Change.EndsWith("owner ReplicaSet/default/front is gone)", StringComparison.Ordinal)), Is.EqualTo(3));
        });
    }

    [Test]
    public void Deleting_a_running_job_deletes_its_pods()
    {
        var cluster = RunToCompletionTests.OneNode(cpu: 4000);
        cluster.Client("kubectl").Create(JobTests.NewJob("long", parallelism: 2, completions: 4, runFor: TimeSpan.FromMinutes(5)));
        cluster.Simulation.RunUntil(SimTime.FromSeconds(10));
        var before = JobTests.PodsOf(cluster, "long").Count;

        cluster.Client("kubectl").Delete(new ObjectKey(Job.KindName, "default", "long"));
        cluster.Simulation.RunUntil(SimTime.FromSeconds(15));

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo(2));
            Assert.That(JobTests.PodsOf(cluster, "long"), Is.Empty);
            Assert.That(cluster.Kubelets["node-a"].Admitted.MilliCpu, Is.Zero);
        });
    }

    [Test]
    public void Pods_a_controller_creates_after_its_deletion_are_collected_too()
    {
        // The replication controller creates 100 pods in slow-start batches 5 ms apart; deleting the
        // controller after the first batches leaves later batches to be created for an owner that is gone.
        var cluster = DeploymentRolloutTests.BuildCluster();
        var kubectl = cluster.Client("kubectl");
        var labels = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("app", "many");
        kubectl.Create(new ReplicationController
        {
            Metadata = new ObjectMeta { Name = "many", Namespace = "default" },
            Spec = new ReplicationControllerSpec
            {
                Replicas = 100,
                Selector = labels,
                Template = new PodTemplate { Labels = labels, Spec = new PodSpec { Containers = [new Container("web", ResourceList.Builder().Cpu(10).Build())] } },
            },
        });
        cluster.Simulation.RunUntil(SimTime.FromTimeSpan(TimeSpan.FromMilliseconds(12)));
        var createdBeforeDeletion = cluster.Log.Events.Count(e => e.Target.Kind == Pod.KindName && e.Change == "created");
        kubectl.Delete(new ObjectKey(ReplicationController.KindName, "default", "many"));
        cluster.Simulation.RunUntil(SimTime.FromSeconds(10));
        var createdInAll = cluster.Log.Events.Count(e => e.Target.Kind == Pod.KindName && e.Change == "created");

        Assert.Multiple(() =>
        {
            Assert.That(createdInAll, Is.GreaterThan(createdBeforeDeletion), "the controller went on creating");
            Assert.That(cluster.Api.List(Pod.KindName), Is.Empty);
        });
    }
}
