using Sim.Cluster.Api;

namespace Sim.Cluster.Tests.Api;

public class ObjectKeyTests
{
    [Test]
    public void Names_numbered_one_after_another_hash_to_consecutive_values()
    {
        static int Hash(string name) => new ObjectKey("Pod", "default", name).GetHashCode();

        Assert.Multiple(() =>
        {
            Assert.That(Hash("app-1-18") - Hash("app-1-17"), Is.EqualTo(1));
            Assert.That(Hash("app-1-100") - Hash("app-1-99"), Is.EqualTo(1));
            Assert.That(new ObjectKey("Node", string.Empty, "node-00043").GetHashCode() - new ObjectKey("Node", string.Empty, "node-00042").GetHashCode(), Is.EqualTo(1));
            Assert.That(Hash("app-2-17"), Is.Not.EqualTo(Hash("app-1-17")), "another prefix, another range");
            Assert.That(Hash("web"), Is.Not.EqualTo(Hash("db")), "names without a number hash by their text");
            Assert.That(ObjectKey.NameHash("x1234567890").Number, Is.EqualTo(234_567_890u), "at most nine digits count as the number");
            Assert.That(ObjectKey.NameHash("x1234567890").Prefix, Is.Not.EqualTo(ObjectKey.NameHash("x234567890").Prefix), "the tenth digit is part of the prefix");
        });
    }

    [Test]
    public void Keys_with_the_same_strings_are_equal_and_hash_alike_and_any_part_tells_them_apart()
    {
        var key = new ObjectKey("Pod", "default", "web-1");
        var same = new ObjectKey(new string("Pod".AsSpan()), new string("default".AsSpan()), new string("web-1".AsSpan()));
        ObjectKey[] others =
        [
            new("Service", "default", "web-1"),
            new("Pod", "other", "web-1"),
            new("Pod", "default", "web-2"),
            new("Pod", string.Empty, "web-1"),
        ];

        Assert.Multiple(() =>
        {
            Assert.That(same, Is.EqualTo(key));
            Assert.That(same == key, Is.True);
            Assert.That(same.GetHashCode(), Is.EqualTo(key.GetHashCode()));
            foreach (var other in others)
            {
                Assert.That(other, Is.Not.EqualTo(key), other.ToString());
                Assert.That(other != key, Is.True, other.ToString());
            }

            Assert.That(default(ObjectKey).GetHashCode(), Is.EqualTo(new ObjectKey(string.Empty, string.Empty, string.Empty).GetHashCode()), "a default key hashes as empty strings");
            Assert.That(default(ObjectKey), Is.Not.EqualTo(key));
            var set = new HashSet<ObjectKey>(others) { key };
            Assert.That(set.Contains(same) && set.Count == others.Length + 1, Is.True);
        });
    }
}
