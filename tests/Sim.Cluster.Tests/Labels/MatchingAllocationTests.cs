using Sim.Cluster.Labels;

namespace Sim.Cluster.Tests.Labels;

public class MatchingAllocationTests
{
    [Test]
    public void Matching_allocates_nothing_for_any_operator()
    {
        var selectors = new[]
        {
            LabelSelector.Parse("app=web,tier in (edge,frontend),env notin (dev),!canary,zone,replicas>2,rank<10,app==web,env!=qa"),
            LabelSelector.Parse("app=api"),
            LabelSelector.Everything,
            LabelSelector.Nothing,
        };
        var labelSets = new[]
        {
            LabelSet.Parse("app=web,tier=edge,env=prod,zone=a,replicas=3,rank=7"),
            LabelSet.Parse("app=web,tier=edge,replicas=x"),
            LabelSet.Empty,
        };
        var matches = 0;
        for (var i = 0; i < 1_000; i++)
        {
            matches += CountMatches(selectors, labelSets); // warm up: JIT and tiering
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
        {
            matches += CountMatches(selectors, labelSets);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Multiple(() =>
        {
            Assert.That(allocated, Is.Zero);
            Assert.That(matches, Is.EqualTo(101_000 * 4)); // the first selector matches the first set; Everything matches all three
        });
    }

    private static int CountMatches(LabelSelector[] selectors, LabelSet[] labelSets)
    {
        var count = 0;
        foreach (var selector in selectors)
        {
            foreach (var labels in labelSets)
            {
                if (selector.Matches(labels))
                {
                    count++;
                }
            }
        }

        return count;
    }
}
