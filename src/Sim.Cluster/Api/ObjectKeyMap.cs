using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sim.Cluster.Api;

/// <summary>
/// A map by object key for collections of every object of a kind (the API server's store of one kind,
/// the scheduling queue's pods, the scheduler's assumed pods, the scheduler cache's pods), split over <see cref="ShardCount"/> dictionaries by the
/// name (<see cref="ShardOf"/>: numbered names in blocks of consecutive numbers). Ten thousand pods in one dictionary need arrays of hundreds of
/// kilobytes, on the large object heap, and growing them there (each doubling leaves the last as
/// garbage) can set off a full collection; split, every array stays small for clusters of that size.
/// Numbered names (<c>app-1-17</c>, <c>node-00042</c>) spread over the shards in blocks of
/// <see cref="BlockSize"/> consecutive numbers, so that objects created one after another, which the
/// control plane handles one after another, share a shard and (with <see cref="ObjectKey.GetHashCode"/>)
/// neighbouring buckets and entries: fewer cache misses per lookup. No order is kept: readers sort, or
/// cannot depend on the order.
/// </summary>
/// <typeparam name="TValue">The value kept for each key.</typeparam>
internal sealed class ObjectKeyMap<TValue>
{
    /// <summary>The number of dictionaries.</summary>
    public const int ShardCount = 1 << ShardBits;

    /// <summary>Consecutive numbers of one name prefix that share a shard.</summary>
    internal const int BlockSize = 8;

    private const int ShardBits = 6;

    private readonly Dictionary<ObjectKey, TValue>?[] _shards = new Dictionary<ObjectKey, TValue>?[ShardCount];

    /// <summary>The number of entries.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// The shard of <paramref name="name"/>: its length, the last four characters before its trailing
    /// number (see <see cref="ObjectKey.GetHashCode"/>) and the number divided by
    /// <see cref="BlockSize"/>, mixed by a multiplication whose top bits are taken (Fibonacci hashing).
    /// Numbered names spread over the shards in blocks of consecutive numbers, so that objects created one
    /// after another share a shard (and, with the key's hash, neighbouring buckets and entries).
    /// </summary>
    internal static int ShardOf(string name)
    {
        var start = ObjectKey.TrailingNumberStart(name);
        var number = ObjectKey.TrailingNumber(name, start);
        var hash = (uint)name.Length;
        for (var i = Math.Max(0, start - 4); i < start; i++)
        {
            hash = (hash * 31) + name[i];
        }

        hash = (hash * 31) + (number / BlockSize);
        return (int)((hash * 0x9E3779B1u) >> (32 - ShardBits));
    }

    /// <summary>Whether <paramref name="key"/> has an entry.</summary>
    public bool ContainsKey(ObjectKey key) => Count != 0 && _shards[ShardOf(key.Name)] is { } shard && shard.ContainsKey(key);

    /// <summary>The value of <paramref name="key"/>.</summary>
    public bool TryGetValue(ObjectKey key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TValue value)
    {
        if (Count != 0 && _shards[ShardOf(key.Name)] is { } shard)
        {
            return shard.TryGetValue(key, out value);
        }

        value = default;
        return false;
    }

    /// <summary>A reference to the slot of <paramref name="key"/>, or a null reference when there is none.</summary>
    public ref TValue GetValueRefOrNullRef(ObjectKey key)
    {
        if (Count != 0 && _shards[ShardOf(key.Name)] is { } shard)
        {
            return ref CollectionsMarshal.GetValueRefOrNullRef(shard, key);
        }

        return ref Unsafe.NullRef<TValue>();
    }

    /// <summary>The value of <paramref name="key"/>, or the default (null for a class).</summary>
    public TValue? GetValueOrDefault(ObjectKey key) => TryGetValue(key, out var value) ? value : default;

    /// <summary>Adds an entry for a key that has none.</summary>
    /// <exception cref="ArgumentException">When the key has an entry.</exception>
    public void Add(ObjectKey key, TValue value)
    {
        (_shards[ShardOf(key.Name)] ??= []).Add(key, value);
        Count++;
    }

    /// <summary>Adds an entry for <paramref name="key"/> unless it has one; false (and nothing changed) if it had.</summary>
    public bool TryAdd(ObjectKey key, TValue value)
    {
        if (!(_shards[ShardOf(key.Name)] ??= []).TryAdd(key, value))
        {
            return false;
        }

        Count++;
        return true;
    }

    /// <summary>
    /// A reference to the slot of <paramref name="key"/>, added with the default value when there was
    /// none (<paramref name="exists"/> false): one lookup for a read followed by a write. The map must not
    /// change before the slot is written.
    /// </summary>
    public ref TValue? GetValueRefOrAddDefault(ObjectKey key, out bool exists)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_shards[ShardOf(key.Name)] ??= [], key, out exists);
        if (!exists)
        {
            Count++;
        }

        return ref slot;
    }

    /// <summary>Removes the entry of <paramref name="key"/>; false if there was none.</summary>
    public bool Remove(ObjectKey key) => Remove(key, out _);

    /// <summary>Removes the entry of <paramref name="key"/> and hands out its value; false if there was none.</summary>
    public bool Remove(ObjectKey key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TValue value)
    {
        if (Count == 0 || _shards[ShardOf(key.Name)] is not { } shard || !shard.Remove(key, out value))
        {
            value = default;
            return false;
        }

        Count--;
        return true;
    }

    /// <summary>Every value, in no particular order.</summary>
    public Enumerator GetEnumerator() => new(_shards);

    /// <summary>Walks the shards in turn, without allocating.</summary>
    public struct Enumerator
    {
        private readonly Dictionary<ObjectKey, TValue>?[] _shards;
        private int _shard;
        private Dictionary<ObjectKey, TValue>.ValueCollection.Enumerator _values;
        private bool _inShard;

        internal Enumerator(Dictionary<ObjectKey, TValue>?[] shards)
        {
            _shards = shards;
            _shard = -1;
            _values = default;
            _inShard = false;
        }

        /// <summary>The current value.</summary>
        public readonly TValue Current => _values.Current;

        /// <summary>Moves to the next value; false past the last.</summary>
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
