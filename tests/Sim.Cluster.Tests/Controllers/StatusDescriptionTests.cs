using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;

namespace Sim.Cluster.Tests.Controllers;

/// <summary>
/// Controllers format a status write's description only when someone reads it (the event log or an
/// observer); these check that readers see the same descriptions either way.
/// </summary>
public class StatusDescriptionTests
{
    [Test]
    public void An_observer_sees_the_same_status_descriptions_with_the_event_log_off_as_the_log_records()
    {
        var logged = BringUp(recordEvents: true, observe: false);
        var observed = BringUp(recordEvents: false, observe: true);

        Assert.Multiple(() =>
        {
            Assert.That(observed, Is.EqualTo(logged));
            Assert.That(logged, Has.Some.StartsWith("ReplicaSet status: 12 replicas, 12 ready, 12 available"));
            Assert.That(logged, Has.Some.StartsWith("Deployment status: 12 replicas, 12 updated, 12 ready, 12 available"));
        });
    }

    [Test]
    public void Nobody_reads_descriptions_while_the_log_is_off_and_no_observer_is_registered()
    {
        var cluster = new SimulatedCluster(seed: 1, recordEvents: false);
        var before = cluster.Api.ReadsDescriptions;
        cluster.Api.Observe(static _ => { });

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.False);
            Assert.That(cluster.Api.ReadsDescriptions, Is.True);
        });
    }

    private static List<string> BringUp(bool recordEvents, bool observe)
    {
        var cluster = new SimulatedCluster(seed: 2, recordEvents: recordEvents);
        var observed = new List<string>();
        if (observe)
        {
            cluster.Api.Observe(write =>
            {
                if ((write.After ?? write.Before) is ReplicaSet or Deployment)
                {
                    observed.Add($"{(write.After ?? write.Before)!.Kind} {write.Change}");
                }
            });
        }

        cluster.AddNode("node-1", ResourceList.Builder().Cpu(8_000).Memory(16L << 30).Pods(110).Build());
        var labels = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("app", "web");
        cluster.Client("kubectl").Create(new Deployment
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new DeploymentSpec
            {
                Replicas = 12,
                Selector = LabelSelector.Parse("app=web"),
                Template = new PodTemplate { Labels = labels, Spec = new PodSpec { Containers = [new Container("app", ResourceList.Builder().Cpu(100).Build())] } },
            },
        });
        cluster.Simulation.RunUntil(SimTime.FromSeconds(30));
        return observe
            ? observed
            : cluster.Log.Events.Where(e => e.Target.Kind is ReplicaSet.KindName or Deployment.KindName).Select(e => $"{e.Target.Kind} {e.Change}").ToList();
    }
}
