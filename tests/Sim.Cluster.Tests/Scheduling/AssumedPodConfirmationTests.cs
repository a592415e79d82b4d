using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.TopologyIndex;

namespace Sim.Cluster.Tests.Scheduling;

/// <summary>
/// The scheduler confirming an assumed pod when its bind arrives (<see cref="Snapshot.TryReplacePod"/>)
/// against what it did before, taking the assumed pod off its node and adding the bound one as a new
/// <see cref="PodInfo"/>: on randomized pods (with and without affinity terms, host ports, relabelled
/// or bound elsewhere) the nodes' pods in order, totals and ports, the snapshot's pods and the topology
/// index's counts (and their order) must be the same.
/// </summary>
public class AssumedPodConfirmationTests
{
    private static readonly string[] Apps = ["a", "b", "c"];
    private static readonly DomainSpec[] Specs = [DomainSpec.Of(Node.ZoneLabel), DomainSpec.Of(Node.HostnameLabel), DomainSpec.OrEmpty("rack")];

    [Test]
    public void Confirming_in_place_leaves_the_snapshot_as_taking_off_and_adding_back([Range(1, 12)] int seed)
    {
        var random = new System.Random(seed);
        var replaced = new Twin();
        var readded = new Twin();
        for (var i = 0; i < 4 + random.Next(8); i++)
        {
            var node = St.MakeNode().Name($"n{i}").Label(Node.ZoneLabel, $"z{random.Next(3)}").Label("rack", $"r{random.Next(2)}")
                .Capacity(("cpu", "64"), ("memory", "256Gi"), ("pods", "110")).Obj();
            replaced.Snapshot.AddNode(node);
            readded.Snapshot.AddNode(node);
        }

        var assumed = new List<PodInfo>();
        var bound = new List<Pod>();
        var inPlace = 0;
        for (var step = 0; step < 300; step++)
        {
            var op = random.Next(10);
            if (op < 5)
            {
                var pod = new PodInfo(RandomPod(random, step));
                var node = replaced.Snapshot.NodeInfos[random.Next(replaced.Snapshot.NumNodes)].Name;
                var info = pod.AssumedOn(node);
                replaced.Snapshot.AddPod(info, node);
                readded.Snapshot.AddPod(new PodInfo(info.Pod), node);
                assumed.Add(info);
            }
            else if (op < 8 && assumed.Count != 0)
            {
                var i = random.Next(assumed.Count);
                var pod = Bind(random, assumed[i].Pod, replaced.Snapshot);
                assumed.RemoveAt(i);
                if (replaced.Snapshot.TryReplacePod(pod))
                {
                    inPlace++;
                }
                else
                {
                    replaced.Snapshot.AddPod(new PodInfo(pod), pod.Spec.NodeName);
                }

                readded.Snapshot.AddPod(new PodInfo(pod), pod.Spec.NodeName);
                bound.Add(pod);
            }
            else if (bound.Count != 0)
            {
                var i = random.Next(bound.Count);
                replaced.Snapshot.RemovePod(bound[i].Key);
                readded.Snapshot.RemovePod(bound[i].Key);
                bound.RemoveAt(i);
            }

            AssertSame(replaced, readded, $"seed {seed} step {step}");
        }

        Assert.That(inPlace, Is.GreaterThan(10), "most confirmations take the in-place path");
    }

    [Test]
    public void A_bind_that_changes_what_the_scheduler_derives_is_not_confirmed_in_place()
    {
        var snapshot = Snapshot.Create([St.MakeNode().Name("n1").Obj(), St.MakeNode().Name("n2").Obj()]);
        var pod = St.MakePod().Name("p").Uid(7).Label("app", "a").Req(("cpu", "1")).Obj();
        var assumed = new PodInfo(pod).AssumedOn("n1");
        snapshot.AddPod(assumed, "n1");
        var node = snapshot.Get("n1")!;
        var generation = node.Generation;
        var asBound = pod with { Spec = pod.Spec with { NodeName = "n1" }, Metadata = pod.Metadata with { ResourceVersion = 2 } };
        var changed = new (string Why, Pod Pod)[]
        {
            ("bound elsewhere", asBound with { Spec = pod.Spec with { NodeName = "n2" } }),
            ("relabelled", asBound with { Metadata = asBound.Metadata with { Labels = asBound.Metadata.Labels.SetItem("app", "b") } }),
            ("annotated", asBound with { Metadata = asBound.Metadata with { Annotations = asBound.Metadata.Annotations.Add("k", "v") } }),
            ("another pod of the same name", asBound with { Metadata = asBound.Metadata with { Uid = 8 } }),
            ("terminating", asBound with { DeletionRequestedAt = Engine.SimTime.Zero }),
            ("owned", asBound with { Owner = new OwnerReference("ReplicaSet", "rs", 3) }),
            ("other requests", asBound with { Spec = asBound.Spec with { Containers = [new Container("c", St.Res(("cpu", "2")))] } }),
        };

        Assert.Multiple(() =>
        {
            foreach (var (why, changedPod) in changed)
            {
                Assert.That(snapshot.TryReplacePod(changedPod), Is.False, why);
            }

            Assert.That(snapshot.GetPod(pod.Key), Is.SameAs(assumed));
            Assert.That(assumed.Pod.Spec.NodeName, Is.EqualTo("n1"));
            Assert.That(node.Generation, Is.EqualTo(generation), "nothing changed");
            Assert.That(snapshot.TryReplacePod(asBound), Is.True);
            Assert.That(snapshot.GetPod(pod.Key)!.Pod, Is.SameAs(asBound));
            Assert.That(node.Generation, Is.Not.EqualTo(generation), "a node whose pod list changed order moves its generation");
        });
    }

    /// <summary>The pod as the API server returns it bound: a new spec copied from the same one, a new metadata and status; sometimes changed otherwise.</summary>
    private static Pod Bind(System.Random random, Pod assumed, Snapshot snapshot)
    {
        var spec = assumed.Spec;
        var metadata = assumed.Metadata with { ResourceVersion = assumed.Metadata.ResourceVersion + 1 };
        var pod = assumed with { Metadata = metadata, Spec = spec with { NodeName = spec.NodeName }, Status = assumed.Status with { ScheduledAt = Engine.SimTime.Zero } };
        return random.Next(8) switch
        {
            0 => pod with { Metadata = metadata with { Labels = metadata.Labels.SetItem("app", Apps[random.Next(Apps.Length)]) } },
            1 => pod with { Spec = spec with { NodeName = snapshot.NodeInfos[random.Next(snapshot.NumNodes)].Name } },
            _ => pod,
        };
    }

    private static Pod RandomPod(System.Random random, int uid)
    {
        var pod = St.MakePod().Name($"p{uid}").Uid(uid).Label("app", Apps[random.Next(Apps.Length)])
            .Req(("cpu", $"{100 * (1 + random.Next(4))}m"), ("memory", $"{64 * (1 + random.Next(4))}Mi"));
        pod = random.Next(6) switch
        {
            0 => pod.PodAntiAffinity(Node.ZoneLabel, $"app={Apps[random.Next(Apps.Length)]}"),
            1 => pod.PreferredPodAffinity(5, Node.HostnameLabel, $"app={Apps[random.Next(Apps.Length)]}"),
            2 => pod.ContainerPort(new ContainerPort(80, HostPort: 8000 + random.Next(3))),
            _ => pod,
        };
        return random.Next(8) == 0 ? pod.Terminating().Obj() : pod.Obj();
    }

    private static void AssertSame(Twin actual, Twin expected, string where)
    {
        Assert.That(actual.Snapshot.NumPods, Is.EqualTo(expected.Snapshot.NumPods), where);
        for (var n = 0; n < expected.Snapshot.NumNodes; n++)
        {
            var a = actual.Snapshot.NodeInfos[n];
            var e = expected.Snapshot.NodeInfos[n];
            var at = $"{where} node {e.Name}";
            Assert.That(a.Pods.Select(p => p.Pod), Is.EqualTo(e.Pods.Select(p => p.Pod)).Using((System.Collections.IEqualityComparer)ReferenceEqualityComparer.Instance), at);
            Assert.That(a.PodsWithAffinity.Select(p => p.Pod.Metadata.Uid), Is.EqualTo(e.PodsWithAffinity.Select(p => p.Pod.Metadata.Uid)), at);
            Assert.That(a.PodsWithRequiredAntiAffinity.Select(p => p.Pod.Metadata.Uid), Is.EqualTo(e.PodsWithRequiredAntiAffinity.Select(p => p.Pod.Metadata.Uid)), at);
            Assert.That(
                (a.RequestedMilliCpu, a.RequestedMemory, a.NonZeroRequestedMilliCpu, a.NonZeroRequestedMemory, a.PodCount, a.UsedPorts.Count),
                Is.EqualTo((e.RequestedMilliCpu, e.RequestedMemory, e.NonZeroRequestedMilliCpu, e.NonZeroRequestedMemory, e.PodCount, e.UsedPorts.Count)),
                at);
            foreach (var pod in e.Pods)
            {
                Assert.That(actual.Snapshot.GetPod(pod.Pod.Key)!.Pod, Is.SameAs(pod.Pod), at);
            }

            for (var m = 0; m < expected.Matching.Length; m++)
            {
                Assert.That(actual.Matching[m].CountOn(a), Is.EqualTo(expected.Matching[m].CountOn(e)), at);
            }
        }

        Assert.That(actual.Snapshot.HavePodsWithAffinity.Select(n => n.Name), Is.EqualTo(expected.Snapshot.HavePodsWithAffinity.Select(n => n.Name)), where);
        for (var m = 0; m < expected.Matching.Length; m++)
        {
            foreach (var spec in Specs)
            {
                // The same counts in the same order: a count that fell to zero and came back keeps its place.
                Assert.That(actual.Matching[m].Domains(spec).ToList(), Is.EqualTo(expected.Matching[m].Domains(spec).ToList()), where);
            }
        }

        foreach (var kind in Enum.GetValues<TermKind>())
        {
            Assert.That(
                actual.Index.Groups(kind).Select(g => (g.Key, g.Terms, g.Counts.ToList(), g.Weights.ToList())).ToList(),
                Is.EqualTo(expected.Index.Groups(kind).Select(g => (g.Key, g.Terms, g.Counts.ToList(), g.Weights.ToList())).ToList()),
                where);
        }
    }

    /// <summary>A snapshot with a topology index that counts pods per app and tracks affinity terms.</summary>
    private sealed class Twin
    {
        public Twin()
        {
            Index.Bind(Snapshot);
            Matching = [.. Apps.Select(app => Index.Matching(PodMatcher.ForSpread("default", LabelSelector.Parse($"app={app}"))))];
            foreach (var matching in Matching)
            {
                foreach (var spec in Specs)
                {
                    matching.Domains(spec);
                }
            }
        }

        public Snapshot Snapshot { get; } = new();

        public PodTopologyIndex Index { get; } = new(trackTerms: true);

        public MatchingPods[] Matching { get; }
    }
}
