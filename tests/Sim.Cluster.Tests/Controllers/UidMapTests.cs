using Sim.Cluster.Controllers;
using Sim.Engine.Randomness;

namespace Sim.Cluster.Tests.Controllers;

public class UidMapTests
{
    [Test]
    public void Random_sets_and_removals_leave_it_as_a_dictionary()
    {
        // Differential: the sharded map against one dictionary, on the same operations.
        var random = new RandomStreams(5).For("ops");
        var map = new UidMap<string>();
        var reference = new Dictionary<long, string>();
        for (var step = 0; step < 20_000; step++)
        {
            var uid = random.NextInt64(-50, 2_000);
            if (random.Next(3) == 0)
            {
                var expected = reference.Remove(uid, out var removed) ? removed : null;
                Assert.That(map.Remove(uid), Is.EqualTo(expected));
            }
            else
            {
                var value = $"v{step}";
                var expected = reference.GetValueOrDefault(uid);
                reference[uid] = value;
                Assert.That(map.Set(uid, value), Is.EqualTo(expected));
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(map.Count, Is.EqualTo(reference.Count));
            Assert.That(map.Values, Is.EquivalentTo(reference.Values));
        });
    }
}
