using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sim.Cluster.Events;
using Sim.Engine;

namespace Sim.Cluster.Api;

/// <summary>
/// The simulated API server: an in-memory store keyed by kind, namespace and name, with a store-wide
/// resource version that increases with every write, optimistic concurrency (an update or delete that
/// carries a stale resource version fails with <see cref="ApiStatus.Conflict"/>), and watches that
/// deliver changes after a latency. Components talk to each other only through it.
/// </summary>
/// <remarks>
/// Calls take effect at once, at the current simulated time; the latency is in the watches. Lists are
/// returned in key order (ordinal), never in hash order, so runs are deterministic.
/// </remarks>
public sealed class ApiServer
{
    private readonly Simulation _simulation;
    // Everything the server keeps per kind, found with one lookup per call.
    private readonly Dictionary<string, KindState> _kinds = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Kind, string Index), Func<ApiObject, string?>> _indexers = [];
    private readonly List<Action<ApiWrite>> _observers = [];
    private readonly WatchDeliveries _deliveries;
    private long _resourceVersion;
    private long _nextUid = 1;
    private WatchLatencyAdjustment _watchLatency = WatchLatencyAdjustment.None;

    /// <summary>A server on <paramref name="simulation"/>'s clock, recording its writes in <paramref name="log"/>.</summary>
    public ApiServer(Simulation simulation, EventLog? log = null)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        _simulation = simulation;
        _deliveries = new WatchDeliveries(simulation);
        Log = log ?? new EventLog { Enabled = false };
    }

    /// <summary>Every successful write, with the component that made it.</summary>
    public EventLog Log { get; }

    /// <summary>The simulation whose clock the server follows.</summary>
    public Simulation Simulation => _simulation;

    /// <summary>A client that writes as <paramref name="component"/> (the name the event log shows).</summary>
    public ApiClient ClientFor(string component) => new(this, component);

    /// <summary>
    /// Changes every watch's latency from now on (an API latency spike): events written while it is
    /// set are delivered after the adjusted latency, but never before an earlier event of the same
    /// watch. Default <see cref="WatchLatencyAdjustment.None"/>.
    /// </summary>
    public WatchLatencyAdjustment WatchLatency
    {
        get => _watchLatency;
        set
        {
            if (!(value.Factor >= 0) || double.IsInfinity(value.Factor) || value.Fixed < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The factor must be finite and at least 0, and a fixed latency at least zero.");
            }

            _watchLatency = value;
            AdjustsWatchLatency = value != WatchLatencyAdjustment.None;
        }
    }

    /// <summary>False while <see cref="WatchLatency"/> is <see cref="WatchLatencyAdjustment.None"/>, which leaves every latency as drawn.</summary>
    internal bool AdjustsWatchLatency { get; private set; }

    /// <summary>
    /// Whether a write's description is read by anyone: the event log is on or an observer is registered.
    /// When false, a writer may skip formatting a description (any text is then as good).
    /// </summary>
    internal bool ReadsDescriptions => Log.Enabled || _observers.Count != 0;

    /// <summary>The store's current resource version: the number of writes so far.</summary>
    public long ResourceVersion => _resourceVersion;

    /// <summary>
    /// Registers an index over <paramref name="kind"/>, e.g. pods by <c>spec.nodeName</c>, so that
    /// watches can follow one value of it (a kubelet follows its own node's pods) without every watch
    /// seeing every object.
    /// </summary>
    public void AddIndex(string kind, string indexName, Func<ApiObject, string?> indexer)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(indexName);
        ArgumentNullException.ThrowIfNull(indexer);
        if (!_indexers.TryAdd((kind, indexName), indexer))
        {
            throw new InvalidOperationException($"Index '{indexName}' over {kind} is already registered.");
        }

        State(kind).Indexes.Add(new KindIndex(indexName, indexer));
    }

    /// <summary>
    /// Adds a mutating admission step for new objects of <paramref name="kind"/> (e.g. the
    /// DefaultTolerationSeconds plugin for pods); steps run in the order added.
    /// </summary>
    public void AddAdmission(string kind, Func<ApiObject, ApiObject> mutate)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(mutate);
        State(kind).Admission.Add(mutate);
    }

    /// <summary>
    /// Sets the validation of <paramref name="kind"/>: it returns every problem of an object, each as
    /// <c>field.path: what is wrong</c>; a create or update with problems fails with
    /// <see cref="ApiStatus.Invalid"/> and writes nothing. The server reads the list before it validates
    /// anything else and keeps no reference to it, so a validation may hand back the same list each time.
    /// </summary>
    public void SetValidation(string kind, Func<ApiObject, IReadOnlyList<string>> validate)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(validate);
        State(kind).Validate = validate;
    }

    /// <summary>Stores a new object after admission and validation; sets its resource version, uid and creation time.</summary>
    public ApiResult<T> Create<T>(T obj, string component = "", string change = "created")
        where T : ApiObject
    {
        ArgumentNullException.ThrowIfNull(obj);
        var kind = State(obj.Kind);
        var store = kind.Store;
        if (store.ContainsKey(obj.Key))
        {
            return new ApiResult<T>(ApiStatus.AlreadyExists, null, $"{obj.Key} already exists");
        }

        foreach (var step in kind.Admission)
        {
            obj = (T)step(obj);
        }

        if (Invalid(kind, obj) is { } invalid)
        {
            return new ApiResult<T>(ApiStatus.Invalid, null, invalid);
        }

        var stored = obj with
        {
            Metadata = obj.Metadata with
            {
                ResourceVersion = ++_resourceVersion,
                Uid = _nextUid++,
                CreatedAt = _simulation.Now,
            },
        };
        store.Add(stored.Key, stored);
        Record(component, stored.Key, change);
        Notify(kind, null, stored, component, change);
        return new ApiResult<T>(ApiStatus.Ok, stored, string.Empty);
    }

    /// <summary>
    /// Replaces an object. <paramref name="obj"/> must carry the resource version it was read at;
    /// if the object changed since, the update fails with <see cref="ApiStatus.Conflict"/> and the
    /// result holds the current version.
    /// </summary>
    public ApiResult<T> Update<T>(T obj, string component = "", string change = "updated")
        where T : ApiObject
    {
        ArgumentNullException.ThrowIfNull(obj);
        // One hash lookup for the read and the write: nothing below changes the store before the
        // slot is written (validation only reads).
        var kind = State(obj.Kind);
        ref var slot = ref kind.Store.GetValueRefOrNullRef(obj.Key);
        if (Unsafe.IsNullRef(ref slot))
        {
            return new ApiResult<T>(ApiStatus.NotFound, null, $"{obj.Key} not found");
        }

        var current = slot;

        if (current.Metadata.ResourceVersion != obj.Metadata.ResourceVersion)
        {
            return new ApiResult<T>(
                ApiStatus.Conflict,
                current as T,
                $"{obj.Key} was modified: resource version {obj.Metadata.ResourceVersion} is stale, the current one is {current.Metadata.ResourceVersion}");
        }

        // Validation covers metadata and spec; a write that keeps both (a status update: the same
        // instances, carried over by `with`) has nothing new to validate.
        if (!SameMetadataAndSpec(current, obj) && Invalid(kind, obj) is { } invalid)
        {
            return new ApiResult<T>(ApiStatus.Invalid, current as T, invalid);
        }

        var stored = obj with
        {
            Metadata = obj.Metadata with
            {
                ResourceVersion = ++_resourceVersion,
                Uid = current.Metadata.Uid,
                CreatedAt = current.Metadata.CreatedAt,
            },
        };
        slot = stored;
        Record(component, stored.Key, change);
        Notify(kind, current, stored, component, change);
        return new ApiResult<T>(ApiStatus.Ok, stored, string.Empty);
    }

    /// <summary>
    /// Reads the object at <paramref name="key"/> and writes <paramref name="change"/>'s new version of it
    /// at once, as <see cref="ApiClient.Modify{T, TState}(ObjectKey, Func{T, TState, T}, TState, string, int)"/>
    /// with <see cref="Update"/> would (a read and a write in one call never conflict), but building the
    /// stored version only once: <paramref name="change"/> is handed the metadata the stored version carries
    /// and must return the object with it (e.g. <c>pod with { Metadata = metadata, Status = ... }</c>), or
    /// the object it was handed, which is then written again unchanged. Returns the stored object, or null
    /// if there is none of type <typeparamref name="T"/> at the key or the new version is invalid (nothing
    /// is written then).
    /// </summary>
    /// <exception cref="InvalidOperationException">When <paramref name="change"/> returns another object without the metadata handed to it.</exception>
    internal T? Rewrite<T, TState>(ObjectKey key, Func<T, ObjectMeta, TState, T> change, TState state, string component, string description)
        where T : ApiObject
    {
        var kind = State(key.Kind);
        ref var slot = ref kind.Store.GetValueRefOrNullRef(key);
        if (Unsafe.IsNullRef(ref slot) || slot is not T current)
        {
            return null;
        }

        // What Update sets on the stored copy: the next resource version, the uid and creation time kept.
        var metadata = current.Metadata with { ResourceVersion = _resourceVersion + 1 };
        var stored = change(current, metadata, state);
        if (ReferenceEquals(stored, current))
        {
            // Written again unchanged, as Update writes the object it read: a new version all the same.
            stored = current with { Metadata = metadata };
        }
        else if (!ReferenceEquals(stored.Metadata, metadata))
        {
            throw new InvalidOperationException($"A rewrite of {key} must return the object with the metadata it was handed, or the object itself.");
        }

        if (!SameMetadataAndSpec(current, stored) && Invalid(kind, stored) is not null)
        {
            return null;
        }

        _resourceVersion++;
        slot = stored;
        Record(component, key, description);
        Notify(kind, current, stored, component, description);
        return stored;
    }

    /// <summary>
    /// Deletes an object, optionally only if it is still at <paramref name="expectedResourceVersion"/>.
    /// The result holds the deleted object's last version.
    /// </summary>
    public ApiResult<ApiObject> Delete(ObjectKey key, long? expectedResourceVersion = null, string component = "", string change = "deleted")
    {
        var kind = State(key.Kind);
        var store = kind.Store;
        if (!store.TryGetValue(key, out var current))
        {
            return new ApiResult<ApiObject>(ApiStatus.NotFound, null, $"{key} not found");
        }

        if (expectedResourceVersion is { } expected && expected != current.Metadata.ResourceVersion)
        {
            return new ApiResult<ApiObject>(ApiStatus.Conflict, current, $"{key} was modified: resource version {expected} is stale, the current one is {current.Metadata.ResourceVersion}");
        }

        store.Remove(key);
        var last = current with { Metadata = current.Metadata with { ResourceVersion = ++_resourceVersion } };
        Record(component, key, change);
        Notify(kind, last, null, component, change);
        return new ApiResult<ApiObject>(ApiStatus.Ok, last, string.Empty);
    }

    /// <summary>The object with <paramref name="key"/>, or null.</summary>
    public T? Get<T>(ObjectKey key)
        where T : ApiObject =>
        State(key.Kind).Store.TryGetValue(key, out var obj) ? obj as T : null;

    /// <summary>Every object of <paramref name="kind"/> (optionally with an index value), in key order.</summary>
    /// <remarks>
    /// A new list each call. The whole kind, sorted, is kept until the kind's next write, so that a
    /// controller listing the same objects every few seconds (the node lifecycle controller's nodes) does
    /// not sort them again; an index value is looked up in the index's own keys, so listing the pods of one
    /// node reads that node's pods, not every pod.
    /// </remarks>
    public IReadOnlyList<ApiObject> List(string kind, string? indexName = null, string? indexValue = null)
    {
        var state = State(kind);
        var store = state.Store;
        if (indexName is null)
        {
            if (state.Sorted is null)
            {
                var all = new ApiObject[store.Count];
                var n = 0;
                foreach (var obj in store)
                {
                    all[n++] = obj;
                }

                Array.Sort(all, static (a, b) => a.Key.CompareTo(b.Key));
                state.Sorted = all;
            }

            return new List<ApiObject>(state.Sorted);
        }

        var indexer = Indexer(kind, indexName);
        List<ApiObject> result;
        if (indexValue is not null)
        {
            var keys = state.Indexes.Find(i => i.Name == indexName)!.KeysOf(indexValue, store);
            result = new List<ApiObject>(keys?.Count ?? 0);
            if (keys is not null)
            {
                foreach (var key in keys)
                {
                    result.Add(store.TryGetValue(key, out var obj) ? obj : throw new InvalidOperationException($"The index {indexName} holds {key}, which the store does not."));
                }
            }
        }
        else
        {
            result = [];
            foreach (var obj in store)
            {
                if (indexer(obj) is null)
                {
                    result.Add(obj);
                }
            }
        }

        result.Sort(static (a, b) => a.Key.CompareTo(b.Key));
        return result;
    }

    /// <summary>
    /// Every object of <paramref name="kind"/> in no particular order, without copying: for a reader
    /// whose result cannot depend on the order (e.g. a minimum with ties broken by key).
    /// </summary>
    internal ObjectKeyMap<ApiObject> Values(string kind) => State(kind).Store;

    /// <summary>
    /// The resource version of the last write to an object of <paramref name="kind"/>, 0 if none: while it
    /// stays the same, so do the kind's objects (for a reader that keeps something derived from them).
    /// </summary>
    internal long LastWriteOf(string kind) => State(kind).LastWrite;

    /// <summary>
    /// Registers an observer of every committed create, update and delete (of any kind), called
    /// synchronously inside the write, at the write's simulated time and before any watch delivers it;
    /// failed writes are not observed. Observers run in the order registered. They are for measuring
    /// (metrics, invariant checks) and must not write to the server: a component that reacts to changes
    /// uses a <see cref="Watch"/>, which has the latency a real client sees.
    /// </summary>
    public void Observe(Action<ApiWrite> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Add(observer);
    }

    /// <summary>
    /// Starts a watch: every later change that matches <paramref name="options"/> is delivered to
    /// <paramref name="handler"/> in write order, after the watch's latency.
    /// </summary>
    public Watch Watch(WatchOptions options, Action<WatchEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        var watch = new Watch(this, options, handler);
        if (options.IndexName is null)
        {
            State(options.Kind).Watches.Add(watch);
        }
        else
        {
            Indexer(options.Kind, options.IndexName);
            var index = State(options.Kind).Indexes.Find(i => i.Name == options.IndexName)!;
            index.Add(options.IndexValue ?? string.Empty, watch);
        }

        return watch;
    }

    private static bool SameMetadataAndSpec(ApiObject current, ApiObject updated) =>
        ReferenceEquals(current.Metadata.Labels, updated.Metadata.Labels)
        && ReferenceEquals(current.Metadata.Annotations, updated.Metadata.Annotations)
        && current.Metadata.Name == updated.Metadata.Name
        && current is ISpecHolder holder && updated is ISpecHolder other && ReferenceEquals(holder.SpecObject, other.SpecObject);

    /// <summary>Records the write just made; nothing is built when the log is off.</summary>
    private void Record(string component, ObjectKey key, string change)
    {
        if (Log.Enabled)
        {
            Log.Record(new ClusterEvent(_simulation.Now, component, key, change, _resourceVersion));
        }
    }

    private static string? Invalid(KindState kind, ApiObject obj)
    {
        if (kind.Validate is not { } validate)
        {
            return null;
        }

        var problems = validate(obj);
        return problems.Count == 0 ? null : $"{obj.Key} is invalid: {string.Join("; ", problems)}";
    }

    private void Notify(KindState kind, ApiObject? before, ApiObject? after, string component, string change)
    {
        kind.LastWrite = _resourceVersion;
        kind.Sorted = null;
        foreach (var index in kind.Indexes)
        {
            // Before the observers, which may list by the index.
            index.Refile(before, after);
        }

        for (var i = 0; i < _observers.Count; i++)
        {
            _observers[i](new ApiWrite(before, after, component, change));
        }

        var obj = (after ?? before)!;
        try
        {
            if (kind.Watches.Count != 0)
            {
                var type = before is null ? WatchEventType.Added : after is null ? WatchEventType.Deleted : WatchEventType.Modified;
                Deliver(kind.Watches, new WatchEvent(type, obj));
            }

            if (kind.Indexes.Count != 0)
            {
                NotifyIndexes(kind.Indexes, before, after);
            }
        }
        finally
        {
            // Scheduled only now, in the order gathered; nothing else is scheduled in between, so
            // batching deliveries due at the same instant leaves every event's place unchanged.
            _deliveries.Flush();
        }
    }

    private void NotifyIndexes(List<KindIndex> indexes, ApiObject? before, ApiObject? after)
    {
        var obj = (after ?? before)!;
        foreach (var index in indexes)
        {
            var oldValue = before is null ? null : index.Indexer(before);
            var newValue = after is null ? null : index.Indexer(after);
            if (string.Equals(oldValue, newValue, StringComparison.Ordinal))
            {
                if (newValue is not null && index.TryGetWatches(newValue, out var same))
                {
                    var type = before is null ? WatchEventType.Added : after is null ? WatchEventType.Deleted : WatchEventType.Modified;
                    Deliver(same, new WatchEvent(type, obj));
                }

                continue;
            }

            if (oldValue is not null && index.TryGetWatches(oldValue, out var leaving))
            {
                Deliver(leaving, new WatchEvent(WatchEventType.Deleted, after ?? before!));
            }

            if (newValue is not null && index.TryGetWatches(newValue, out var entering))
            {
                Deliver(entering, new WatchEvent(WatchEventType.Added, after!));
            }
        }
    }

    private void Deliver(List<Watch> watches, WatchEvent watchEvent)
    {
        var span = CollectionsMarshal.AsSpan(watches);
        var active = 0;
        for (var i = 0; i < span.Length; i++)
        {
            var watch = span[i];
            if (watch.IsActive)
            {
                var due = watch.Enqueue(watchEvent);
                if (due >= 0)
                {
                    _deliveries.Add(watch, watchEvent, due);
                }

                // Stopped watches are dropped; the list is written only once one was.
                if (active != i)
                {
                    span[active] = watch;
                }

                active++;
            }
        }

        if (active != span.Length)
        {
            watches.RemoveRange(active, span.Length - active);
        }
    }

    /// <summary>An index over one kind, and the watches that follow each of its values.</summary>
    private sealed class KindIndex(string name, Func<ApiObject, string?> indexer)
    {
        // The keys of the objects by value (objects whose value is null are not filed), for List: built
        // by the first List by this index and kept up to date from then on (a cluster that never lists
        // by it, such as a bring-up, pays nothing for it).
        private Dictionary<string, HashSet<ObjectKey>>? _keys;

        private readonly Dictionary<string, List<Watch>> _watches = new(StringComparer.Ordinal);
        // The value looked up last (by reference) and its watches, or null for none: many writes in a row
        // carry the same value instance (e.g. the owner kind every pod of a controller shares).
        private string? _lastValue;
        private List<Watch>? _lastWatches;

        public string Name { get; } = name;

        public Func<ApiObject, string?> Indexer { get; } = indexer;

        /// <summary>The keys of the objects of <paramref name="store"/> whose value is <paramref name="value"/>, or null when there are none.</summary>
        public HashSet<ObjectKey>? KeysOf(string value, ObjectKeyMap<ApiObject> store)
        {
            if (_keys is null)
            {
                _keys = new(StringComparer.Ordinal);
                foreach (var obj in store)
                {
                    Move(obj.Key, null, Indexer(obj));
                }
            }

            return _keys.TryGetValue(value, out var keys) ? keys : null;
        }

        /// <summary>Files the object of a write (<paramref name="before"/> or <paramref name="after"/> null for a create or delete) under its new value, once the keys are kept.</summary>
        public void Refile(ApiObject? before, ApiObject? after)
        {
            if (_keys is null)
            {
                return;
            }

            var oldValue = before is null ? null : Indexer(before);
            var newValue = after is null ? null : Indexer(after);
            if (!string.Equals(oldValue, newValue, StringComparison.Ordinal) || before is null || after is null)
            {
                Move((after ?? before)!.Key, oldValue, newValue);
            }
        }

        /// <summary>Files <paramref name="key"/> under <paramref name="to"/> instead of <paramref name="from"/> (null: not filed).</summary>
        private void Move(ObjectKey key, string? from, string? to)
        {
            if (from is not null && _keys!.TryGetValue(from, out var old))
            {
                old.Remove(key);
                if (old.Count == 0)
                {
                    _keys.Remove(from);
                }
            }

            if (to is not null)
            {
                if (!_keys!.TryGetValue(to, out var keys))
                {
                    _keys[to] = keys = [];
                }

                keys.Add(key);
            }
        }

        /// <summary>The watches that follow <paramref name="value"/>, or false when none ever did.</summary>
        public bool TryGetWatches(string value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out List<Watch>? watches)
        {
            if (!ReferenceEquals(value, _lastValue))
            {
                _watches.TryGetValue(value, out _lastWatches);
                _lastValue = value;
            }

            watches = _lastWatches;
            return watches is not null;
        }

        /// <summary>Adds <paramref name="watch"/> to the watches that follow <paramref name="value"/>.</summary>
        public void Add(string value, Watch watch)
        {
            if (!_watches.TryGetValue(value, out var watches))
            {
                _watches[value] = watches = [];
                _lastValue = null; // a value looked up before may have had no watches
            }

            watches.Add(watch);
        }
    }

    private Func<ApiObject, string?> Indexer(string kind, string indexName) =>
        _indexers.TryGetValue((kind, indexName), out var indexer)
            ? indexer
            : throw new InvalidOperationException($"No index '{indexName}' over {kind}; register it with AddIndex first.");

    private KindState State(string kind)
    {
        ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(_kinds, kind, out _);
        return state ??= new KindState();
    }

    /// <summary>One kind's objects, watches, indexes (in the order registered, each with its watches by followed value), admission steps (in order) and validation.</summary>
    private sealed class KindState
    {
        public ObjectKeyMap<ApiObject> Store { get; } = new();

        public List<Watch> Watches { get; } = [];

        public List<KindIndex> Indexes { get; } = [];

        public List<Func<ApiObject, ApiObject>> Admission { get; } = [];

        public Func<ApiObject, IReadOnlyList<string>>? Validate { get; set; }

        /// <summary>The resource version of the kind's last write (create, update or delete); 0 before any.</summary>
        public long LastWrite { get; set; }

        /// <summary>Every object of the kind in key order, as of the last write; null until listed again.</summary>
        public ApiObject[]? Sorted { get; set; }
    }
}
