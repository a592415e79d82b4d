namespace Sim.Cluster.Api;

/// <summary>An API call's outcome and, on success, the object as stored.</summary>
/// <typeparam name="T">The object's type.</typeparam>
/// <param name="Status">What happened.</param>
/// <param name="Value">The stored object on success (with its new resource version); the current one on a conflict; otherwise null.</param>
/// <param name="Message">Why the call failed; empty on success.</param>
public readonly record struct ApiResult<T>(ApiStatus Status, T? Value, string Message)
    where T : ApiObject
{
    /// <summary>True on success.</summary>
    public bool IsOk => Status == ApiStatus.Ok;
}
