namespace Sim.Cluster.Api;

/// <summary>The outcome of an API call; <see cref="Ok"/> is the default.</summary>
public enum ApiStatus
{
    /// <summary>The call succeeded.</summary>
    Ok,

    /// <summary>No object has that key.</summary>
    NotFound,

    /// <summary>An object with that key exists already.</summary>
    AlreadyExists,

    /// <summary>The object changed since the caller read it: its resource version is stale.</summary>
    Conflict,

    /// <summary>The object failed validation; the message names every invalid field.</summary>
    Invalid,

    /// <summary>Refused for now (HTTP 429): e.g. an eviction that a disruption budget does not allow.</summary>
    TooManyRequests,
}
