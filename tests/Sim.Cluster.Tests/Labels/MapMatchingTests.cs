using System.Collections.Immutable;
using Sim.Cluster.Labels;

namespace Sim.Cluster.Tests.Labels;

/// <summary>Matching an object's label map directly gives the same answers as matching a LabelSet, without allocating.</summary>
public class MapMatchingTests
{
    [TestCase("app=web", true)]
    [TestCase("app!=web", false)]
    [TestCase("app in (web,api),tier notin (db)", true)]
    [TestCase("tier", true)]
    [TestCase("!tier", false)]
    [TestCase("missing!=x", true)]
    [TestCase("replicas>2", true)]
    [TestCase("replicas<2", false)]
    public void A_label_map_matches_as_a_label_set_does(string selectorText, bool expected)
    {
        var map = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal)
            .Add("app", "web").Add("tier", "frontend").Add("replicas", "3");
        var selector = LabelSelector.Parse(selectorText);

        Assert.Multiple(() =>
        {
            Assert.That(selector.Matches(map), Is.EqualTo(expected));
            Assert.That(selector.Matches(LabelSet.Create(map)), Is.EqualTo(expected));
        });
    }

    [Test]
    public void Matching_a_label_map_allocates_nothing()
    {
        var map = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("app", "web").Add("tier", "frontend");
        var selector = LabelSelector.Parse("app in (web,api),tier!=db,!canary");
        selector.Matches(map);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var matched = 0;
        for (var i = 0; i < 10_000; i++)
        {
            matched += selector.Matches(map) ? 1 : 0;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Multiple(() =>
        {
            Assert.That(matched, Is.EqualTo(10_000));
            Assert.That(allocated, Is.Zero);
        });
    }
}
