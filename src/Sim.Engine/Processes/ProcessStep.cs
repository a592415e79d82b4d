namespace Sim.Engine.Processes;

/// <summary>
/// What a process waits for when it yields: a struct, so yielding allocates nothing.
/// </summary>
/// <example><c>yield return ProcessStep.Delay(TimeSpan.FromSeconds(10));</c></example>
public readonly struct ProcessStep
{
    private ProcessStep(ProcessStepKind kind, long ticks, Process? other)
    {
        Kind = kind;
        Ticks = ticks;
        Other = other;
    }

    internal ProcessStepKind Kind { get; }

    internal long Ticks { get; }

    internal Process? Other { get; }

    /// <summary>Resume after <paramref name="delay"/> of simulated time.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="delay"/> is negative.</exception>
    public static ProcessStep Delay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delay.Ticks, nameof(delay));
        return new ProcessStep(ProcessStepKind.Delay, delay.Ticks, null);
    }

    /// <summary>Resume at <paramref name="time"/> (which must not be in the past when yielded).</summary>
    public static ProcessStep Until(SimTime time) => new(ProcessStepKind.Until, time.Ticks, null);

    /// <summary>Resume at the current time, after the events already due now: lets them run first.</summary>
    public static ProcessStep Yield => new(ProcessStepKind.Delay, 0, null);

    /// <summary>Sleep until another component calls <see cref="Process.Resume"/>.</summary>
    public static ProcessStep Suspend => new(ProcessStepKind.Suspend, 0, null);

    /// <summary>Resume when <paramref name="other"/> has finished (at once if it already has).</summary>
    public static ProcessStep WaitFor(Process other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new ProcessStep(ProcessStepKind.WaitFor, 0, other);
    }
}
