using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sim.Cluster.Api;

/// <summary>
/// The API server's objects of one kind by key, split over <see cref="ShardCount"/> dictionaries by the
/// last characters of the name. Ten thousand pods in one dictionary need arrays of hundreds of
/// kilobytes, on the large object heap, and growing them there (each doubling leaves the last as
/// garbage) can set off a full collection; split, every array stays small for clusters of that size.
/// Numbered names (<c>app-1-17</c>, <c>node-00042</c>) spread over the shards; names that share their
/// last characters share a shard, which costs nothing but size. No order is kept: readers sort, or
/// cannot depend on the order.
/// </summary>
internal sealed class ObjectStore
{
    /// <summary>The number of dictionaries.</summary>
    public const int ShardCount = 1 << ShardBits;

    private const int ShardBits = 6;

    private readonly Dictionary<ObjectKey, ApiObject>?[] _shards = new Dictionary<ObjectKey, ApiObject>?[ShardCount];

    /// <summary>The number of objects.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// The shard of <paramref name="name"/>: its length and last four characters, mixed by a
    /// multiplication whose top bits are taken (Fibonacci hashing), so names that differ in one digit spread.
    /// </summary>
    internal static int ShardOf(string name)
    {
        var length = name.Length;
        var hash = (uint)length;
        for (var i = Math.Max(0, length - 4); i < length; i++)
        {
            hash = (hash * 31) + name[i];
        }

        return (int)((hash * 0x9E3779B1u) >> (32 - ShardBits));
    }

    /// <summary>Whether an object is stored at <paramref name="key"/>.</summary>
    public bool ContainsKey(ObjectKey key) => _shards[ShardOf(key.Name)] is { } shard && shard.ContainsKey(key);

    /// <summary>The object at <paramref name="key"/>.</summary>
    public bool TryGetValue(ObjectKey key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out ApiObject value)
    {
        if (_shards[ShardOf(key.Name)] is { } shard)
        {
            return shard.TryGetValue(key, out value);
        }

        value = null;
        return false;
    }

    /// <summary>A reference to the slot of <paramref name="key"/>, or a null reference when there is none.</summary>
    public ref ApiObject GetValueRefOrNullRef(ObjectKey key)
    {
        if (_shards[ShardOf(key.Name)] is { } shard)
        {
            return ref CollectionsMarshal.GetValueRefOrNullRef(shard, key);
        }

        return ref Unsafe.NullRef<ApiObject>();
    }

    /// <summary>Adds an object at a key that holds none.</summary>
    public void Add(ObjectKey key, ApiObject value)
    {
        (_shards[ShardOf(key.Name)] ??= []).Add(key, value);
        Count++;
    }

    /// <summary>Removes the object at <paramref name="key"/>; false if there was none.</summary>
    public bool Remove(ObjectKey key)
    {
        if (_shards[ShardOf(key.Name)] is not { } shard || !shard.Remove(key))
        {
            return false;
        }

        Count--;
        return true;
    }

    /// <summary>Every object, in no particular order.</summary>
    public Enumerator GetEnumerator() => new(_shards);

    /// <summary>Walks the shards in turn, without allocating.</summary>
    public struct Enumerator
    {
        private readonly Dictionary<ObjectKey, ApiObject>?[] _shards;
        private int _shard;
        private Dictionary<ObjectKey, ApiObject>.ValueCollection.Enumerator _values;
        private bool _inShard;

        internal Enumerator(Dictionary<ObjectKey, ApiObject>?[] shards)
        {
            _shards = shards;
            _shard = -1;
            _values = default;
            _inShard = false;
        }

        /// <summary>The current object.</summary>
        public readonly ApiObject Current => _values.Current;

        /// <summary>Moves to the next object; false past the last.</summary>
        public bool MoveNext()
        {
            while (true)
            {
                if (_inShard && _values.MoveNext())
                {
                    return true;
                }

                _inShard = false;
                while (++_shard < _shards.Length)
                {
                    if (_shards[_shard] is { Count: > 0 } shard)
                    {
                        _values = shard.Values.GetEnumerator();
                        _inShard = true;
                        break;
                    }
                }

                if (!_inShard)
                {
                    return false;
                }
            }
        }
    }
}
