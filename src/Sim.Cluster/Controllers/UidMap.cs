using System.Runtime.InteropServices;

namespace Sim.Cluster.Controllers;

/// <summary>
/// A map from object uids to values for a controller's cache of every object of a kind (e.g. every
/// pod), split over <see cref="ShardCount"/> dictionaries by the uid's block of <see cref="BlockSize"/>
/// consecutive uids (objects created one after another, which the control plane handles one after
/// another, then share a shard and neighbouring buckets and entries). Ten thousand pods in
/// one dictionary need arrays of hundreds of kilobytes, on the large object heap, and growing them
/// there (each doubling leaves the last as garbage) can set off a full collection; split, every array
/// stays small. Uids are handed out in sequence, so the shards fill evenly. No order is kept:
/// <see cref="Values"/> is for readers whose result cannot depend on the order.
/// </summary>
/// <typeparam name="TValue">The cached value.</typeparam>
internal sealed class UidMap<TValue>
    where TValue : class
{
    /// <summary>The number of dictionaries (a power of two).</summary>
    public const int ShardCount = 64;

    private readonly Dictionary<long, TValue>[] _shards = new Dictionary<long, TValue>[ShardCount];

    /// <summary>Consecutive uids that share a shard.</summary>
    public const int BlockSize = 8;

    /// <summary>The number of entries.</summary>
    public int Count { get; private set; }

    /// <summary>Every value, in no particular order.</summary>
    public IEnumerable<TValue> Values
    {
        get
        {
            foreach (var shard in _shards)
            {
                if (shard is null)
                {
                    continue;
                }

                foreach (var value in shard.Values)
                {
                    yield return value;
                }
            }
        }
    }

    /// <summary>Sets the value of <paramref name="uid"/> and returns the one it replaces, or null.</summary>
    public TValue? Set(long uid, TValue value)
    {
        var shard = _shards[ShardOf(uid)] ??= [];
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(shard, uid, out var existed);
        var previous = slot;
        slot = value;
        Count += existed ? 0 : 1;
        return previous;
    }

    /// <summary>Removes <paramref name="uid"/>'s entry and returns its value, or null if there was none.</summary>
    public TValue? Remove(long uid)
    {
        if (_shards[ShardOf(uid)] is not { } shard || !shard.Remove(uid, out var previous))
        {
            return null;
        }

        Count--;
        return previous;
    }

    private static long ShardOf(long uid) => (uid / BlockSize) & (ShardCount - 1);
}
