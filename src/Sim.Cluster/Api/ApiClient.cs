namespace Sim.Cluster.Api;

/// <summary>
/// A component's handle on the <see cref="ApiServer"/>: the same calls, with every write recorded in
/// the event log under the component's name and a short description of the change.
/// </summary>
public sealed class ApiClient
{
    internal ApiClient(ApiServer server, string component)
    {
        Server = server;
        Component = component;
    }

    /// <summary>The server.</summary>
    public ApiServer Server { get; }

    /// <summary>The name writes are recorded under.</summary>
    public string Component { get; }

    /// <summary>Creates <paramref name="obj"/>; see <see cref="ApiServer.Create"/>.</summary>
    public ApiResult<T> Create<T>(T obj, string change = "created")
        where T : ApiObject => Server.Create(obj, Component, change);

    /// <summary>Updates <paramref name="obj"/>; see <see cref="ApiServer.Update"/>.</summary>
    public ApiResult<T> Update<T>(T obj, string change = "updated")
        where T : ApiObject => Server.Update(obj, Component, change);

    /// <summary>
    /// Reads the object at <paramref name="key"/>, applies <paramref name="change"/> and writes it back,
    /// re-reading and retrying when the write meets a conflict (at most <paramref name="attempts"/>
    /// times), as client-go's RetryOnConflict. Returns the stored object, or null if the object is gone
    /// or every attempt conflicted.
    /// </summary>
    public T? Modify<T>(ObjectKey key, Func<T, T> change, string description, int attempts = 5)
        where T : ApiObject
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var current = Server.Get<T>(key);
            if (current is null)
            {
                return null;
            }

            var result = Server.Update(change(current), Component, description);
            if (result.IsOk)
            {
                return result.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// As <see cref="Modify{T}(ObjectKey, Func{T, T}, string, int)"/>, with the change's state passed
    /// along instead of captured: a static lambda and a state value make the write allocate nothing
    /// beyond the objects it stores.
    /// </summary>
    public T? Modify<T, TState>(ObjectKey key, Func<T, TState, T> change, TState state, string description, int attempts = 5)
        where T : ApiObject
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var current = Server.Get<T>(key);
            if (current is null)
            {
                return null;
            }

            var result = Server.Update(change(current, state), Component, description);
            if (result.IsOk)
            {
                return result.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// As <see cref="Modify{T, TState}(ObjectKey, Func{T, TState, T}, TState, string, int)"/>, building the
    /// stored version once: <paramref name="change"/> returns the object with the metadata it is handed
    /// (see <see cref="ApiServer.Rewrite"/>).
    /// </summary>
    internal T? Rewrite<T, TState>(ObjectKey key, Func<T, ObjectMeta, TState, T> change, TState state, string description)
        where T : ApiObject => Server.Rewrite(key, change, state, Component, description);

    /// <summary>Deletes the object at <paramref name="key"/>; see <see cref="ApiServer.Delete"/>.</summary>
    public ApiResult<ApiObject> Delete(ObjectKey key, long? expectedResourceVersion = null, string change = "deleted") =>
        Server.Delete(key, expectedResourceVersion, Component, change);

    /// <summary>Reads one object.</summary>
    public T? Get<T>(ObjectKey key)
        where T : ApiObject => Server.Get<T>(key);

    /// <summary>Lists objects in key order.</summary>
    public IReadOnlyList<ApiObject> List(string kind, string? indexName = null, string? indexValue = null) =>
        Server.List(kind, indexName, indexValue);

    /// <summary>Starts a watch.</summary>
    public Watch Watch(WatchOptions options, Action<WatchEvent> handler) => Server.Watch(options, handler);
}
