using Sim.Cluster.Api;
using Sim.Engine.Randomness;

namespace Sim.Cluster.Tests.Api;

public class ObjectKeyMapTests
{
    [Test]
    public void Random_adds_replacements_and_removals_leave_it_as_a_dictionary()
    {
        // Differential: the sharded store against one dictionary, on the same operations.
        var random = new RandomStreams(11).For("ops");
        var store = new ObjectKeyMap<ApiObject>();
        var reference = new Dictionary<ObjectKey, ApiObject>();
        for (var step = 0; step < 20_000; step++)
        {
            var pod = TestPod.Named($"pod-{random.Next(3_000)}");
            var key = pod.Key;
            switch (random.Next(4))
            {
                case 0 when !reference.ContainsKey(key):
                    store.Add(key, pod);
                    reference.Add(key, pod);
                    break;
                case 0:
                    Assert.That(store.TryAdd(key, pod), Is.EqualTo(reference.TryAdd(key, pod)));
                    break;
                case 1:
                    var removed = store.Remove(key, out var value);
                    Assert.That(removed, Is.EqualTo(reference.Remove(key, out var expected)));
                    Assert.That(value, Is.SameAs(expected));
                    break;
                case 2:
                    ref var slot = ref store.GetValueRefOrNullRef(key);
                    if (reference.ContainsKey(key))
                    {
                        slot = pod;
                        reference[key] = pod;
                    }
                    else
                    {
                        Assert.That(System.Runtime.CompilerServices.Unsafe.IsNullRef(ref slot), Is.True);
                    }

                    break;
                case 3 when random.Next(2) == 0:
                    ref var added = ref store.GetValueRefOrAddDefault(key, out var exists);
                    Assert.That(exists, Is.EqualTo(reference.ContainsKey(key)));
                    Assert.That(added, Is.SameAs(reference.GetValueOrDefault(key)));
                    added = pod;
                    reference[key] = pod;
                    break;
                default:
                    Assert.That(store.ContainsKey(key), Is.EqualTo(reference.ContainsKey(key)));
                    Assert.That(store.TryGetValue(key, out var found) ? found : null, Is.SameAs(reference.GetValueOrDefault(key)));
                    Assert.That(store.GetValueOrDefault(key), Is.SameAs(reference.GetValueOrDefault(key)));
                    break;
            }
        }

        var listed = new List<ApiObject>();
        foreach (var obj in store)
        {
            listed.Add(obj);
        }

        Assert.Multiple(() =>
        {
            Assert.That(store.Count, Is.EqualTo(reference.Count));
            Assert.That(listed, Is.EquivalentTo(reference.Values));
        });
    }

    [Test]
    public void Numbered_names_spread_over_every_shard()
    {
        var perShard = new int[ObjectKeyMap<ApiObject>.ShardCount];
        for (var i = 0; i < 10_000; i++)
        {
            perShard[ObjectKeyMap<ApiObject>.ShardOf($"app-{i % 10}-{i / 10}")]++;
        }

        // 156 per shard if perfectly even; no shard holds more than twice that.
        Assert.That(perShard.Max(), Is.LessThan(2 * 10_000 / ObjectKeyMap<ApiObject>.ShardCount));
    }

    [Test]
    public void Consecutive_numbers_share_a_shard_in_blocks()
    {
        var block = ObjectKeyMap<ApiObject>.BlockSize;
        var first = ObjectKeyMap<ApiObject>.ShardOf($"app-1-{3 * block}");

        Assert.Multiple(() =>
        {
            for (var i = 1; i < block; i++)
            {
                Assert.That(ObjectKeyMap<ApiObject>.ShardOf($"app-1-{(3 * block) + i}"), Is.EqualTo(first));
            }

            Assert.That(Enumerable.Range(0, 64).Select(b => ObjectKeyMap<ApiObject>.ShardOf($"app-1-{b * block}")).Distinct().Count(), Is.GreaterThan(32), "blocks spread over the shards");
        });
    }

    [Test]
    public void A_store_emptied_again_finds_nothing_and_takes_new_entries()
    {
        var store = new ObjectKeyMap<ApiObject>();
        var pod = TestPod.Named("pod-1");
        store.Add(pod.Key, pod);
        store.Remove(pod.Key);

        ref var slot = ref store.GetValueRefOrAddDefault(pod.Key, out var existed);
        slot = pod;

        Assert.Multiple(() =>
        {
            Assert.That(existed, Is.False);
            Assert.That(store.Count, Is.EqualTo(1));
            Assert.That(store.GetValueOrDefault(pod.Key), Is.SameAs(pod));
            Assert.That(store.Remove(pod.Key), Is.True);
            Assert.That(store.ContainsKey(pod.Key), Is.False);
            Assert.That(store.Remove(pod.Key), Is.False);
            Assert.That(store.TryGetValue(pod.Key, out _), Is.False);
            Assert.That(System.Runtime.CompilerServices.Unsafe.IsNullRef(ref store.GetValueRefOrNullRef(pod.Key)), Is.True);
        });
    }

    [Test]
    public void An_empty_store_enumerates_nothing()
    {
        var store = new ObjectKeyMap<ApiObject>();
        var count = 0;
        foreach (var unused in store)
        {
            count++;
        }

        Assert.That(count, Is.Zero);
    }
}
