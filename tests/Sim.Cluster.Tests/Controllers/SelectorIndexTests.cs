using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Controllers;

namespace Sim.Cluster.Tests.Controllers;

public class SelectorIndexTests
{
    private static readonly ObjectKey A = new("Service", "default", "a");
    private static readonly ObjectKey B = new("Service", "default", "b");
    private static readonly ObjectKey C = new("Service", "default", "c");
    private static readonly ObjectKey Other = new("Service", "other", "a");

    [Test]
    public void A_pod_finds_the_objects_filed_under_its_labels_in_its_namespace_and_the_unguarded_ones()
    {
        var index = new SelectorIndex();
        index.Set(B, ("app", "web"));
        index.Set(A, ("tier", "x"));
        index.Set(C, null);
        index.Set(Other, ("app", "web"));

        Assert.That(Candidates(index, "default", ("app", "web"), ("tier", "x")), Is.EqualTo(new[] { A, B, C }), "sorted by key");
        Assert.That(Candidates(index, "default", ("app", "db")), Is.EqualTo(new[] { C }), "only the unguarded one");
        Assert.That(Candidates(index, "other", ("app", "web")), Is.EqualTo(new[] { Other }), "namespaces apart");

        // Filed again under another label, then taken out.
        index.Set(B, ("app", "db"));
        Assert.That(Candidates(index, "default", ("app", "web")), Is.EqualTo(new[] { C }));
        Assert.That(Candidates(index, "default", ("app", "db")), Is.EqualTo(new[] { B, C }));
        Assert.That(index.Remove(C) && !index.Remove(C), Is.True);
        Assert.That(Candidates(index, "default", ("app", "db")), Is.EqualTo(new[] { B }));
        Assert.That(index.Count, Is.EqualTo(3));
    }

    [Test]
    public void Candidates_from_two_label_sets_are_sorted_and_distinct()
    {
        var index = new SelectorIndex();
        index.Set(C, ("app", "web"));
        index.Set(A, ("app", "web"));
        index.Set(B, ("tier", "x"));
        var candidates = new List<ObjectKey>();
        index.AddCandidates("default", Labels(("app", "web")), candidates);
        index.AddCandidates("default", Labels(("app", "web"), ("tier", "x")), candidates);
        SelectorIndex.SortDistinct(candidates);

        Assert.That(candidates, Is.EqualTo(new[] { A, B, C }));
    }

    private static ObjectKey[] Candidates(SelectorIndex index, string ns, params (string Key, string Value)[] labels)
    {
        var candidates = new List<ObjectKey>();
        index.AddCandidates(ns, Labels(labels), candidates);
        SelectorIndex.SortDistinct(candidates);
        return [.. candidates];
    }

    private static ImmutableSortedDictionary<string, string> Labels(params (string Key, string Value)[] labels) =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, labels.Select(l => KeyValuePair.Create(l.Key, l.Value)));
}
