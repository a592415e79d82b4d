namespace Sim.Scheduling;

/// <summary>The outcome of a plugin call, as upstream's <c>framework.Code</c>.</summary>
public enum StatusCode : byte
{
    /// <summary>The plugin ran and the pod may proceed.</summary>
    Success = 0,

    /// <summary>An internal error; the pod is retried after backoff.</summary>
    Error = 1,

    /// <summary>The pod does not fit here now; preemption might help.</summary>
    Unschedulable = 2,

    /// <summary>The pod does not fit here and preemption cannot change that.</summary>
    UnschedulableAndUnresolvable = 3,

    /// <summary>A Permit plugin holds the pod until it is allowed or the wait times out.</summary>
    Wait = 4,

    /// <summary>The plugin has nothing to do for this pod: its later extension points are skipped.</summary>
    Skip = 5,

    /// <summary>The pod waits for something outside the scheduler (not a failure of the pod's fit).</summary>
    Pending = 6,
}

/// <summary>
/// What a plugin says about a pod: a code, the reasons (e.g. <c>Insufficient cpu</c>) and the plugin
/// that said it. The default value is success and costs nothing; the failure paths allocate.
/// </summary>
public readonly struct Status : IEquatable<Status>
{
    private readonly object? _reasons;

    private Status(StatusCode code, object? reasons, string? plugin)
    {
        Code = code;
        _reasons = reasons;
        Plugin = plugin;
    }

    /// <summary>Success.</summary>
    public static Status Success => default;

    /// <summary>Skip: the plugin's other extension points do not run for this pod.</summary>
    public static Status Skip { get; } = new(StatusCode.Skip, null, null);

    /// <summary>The code.</summary>
    public StatusCode Code { get; }

    /// <summary>The plugin that returned the status (set by the framework when a plugin fails).</summary>
    public string? Plugin { get; }

    /// <summary>True for <see cref="StatusCode.Success"/>.</summary>
    public bool IsSuccess => Code == StatusCode.Success;

    /// <summary>True for <see cref="StatusCode.Skip"/>.</summary>
    public bool IsSkip => Code == StatusCode.Skip;

    /// <summary>True for both unschedulable codes.</summary>
    public bool IsRejected => Code is StatusCode.Unschedulable or StatusCode.UnschedulableAndUnresolvable;

    /// <summary>The reasons, in the order given.</summary>
    public IReadOnlyList<string> Reasons => _reasons switch
    {
        null => [],
        string one => [one],
        _ => (string[])_reasons,
    };

    /// <summary>The reasons joined by <c>", "</c>, as upstream's <c>Status.Message</c>.</summary>
    public string Message => _reasons switch
    {
        null => string.Empty,
        string one => one,
        _ => string.Join(", ", (string[])_reasons),
    };

    /// <summary>A pod that does not fit now; preemption might help.</summary>
    public static Status Unschedulable(string reason) => new(StatusCode.Unschedulable, reason, null);

    /// <summary>A pod that does not fit now, for several reasons.</summary>
    public static Status Unschedulable(params string[] reasons) => new(StatusCode.Unschedulable, Pack(reasons), null);

    /// <summary>A pod that cannot fit, whatever is preempted.</summary>
    public static Status UnschedulableAndUnresolvable(string reason) => new(StatusCode.UnschedulableAndUnresolvable, reason, null);

    /// <summary>A pod that cannot fit, for several reasons.</summary>
    public static Status UnschedulableAndUnresolvable(params string[] reasons) => new(StatusCode.UnschedulableAndUnresolvable, Pack(reasons), null);

    /// <summary>An internal error.</summary>
    public static Status Error(string message) => new(StatusCode.Error, message, null);

    /// <summary>A status with any code and reasons.</summary>
    public static Status Of(StatusCode code, params string[] reasons) => new(code, Pack(reasons), null);

    /// <summary>This status, attributed to <paramref name="plugin"/>.</summary>
    public Status WithPlugin(string plugin) => new(Code, _reasons, plugin);

    /// <inheritdoc />
    public bool Equals(Status other) => Code == other.Code && Plugin == other.Plugin && Reasons.SequenceEqual(other.Reasons);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Status other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Code, Plugin, Message);

    /// <summary>Equality.</summary>
    public static bool operator ==(Status left, Status right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Status left, Status right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => Plugin is null ? $"{Code}: {Message}" : $"{Code} ({Plugin}): {Message}";

    private static object? Pack(string[] reasons) => reasons.Length switch
    {
        0 => null,
        1 => reasons[0],
        _ => reasons.ToArray(),
    };
}
