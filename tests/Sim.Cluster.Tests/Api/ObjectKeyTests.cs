using Sim.Cluster.Api;

namespace Sim.Cluster.Tests.Api;

public class ObjectKeyTests
{
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
