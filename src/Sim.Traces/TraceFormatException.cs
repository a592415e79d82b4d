namespace Sim.Traces;

/// <summary>
/// The one exception the trace readers throw for bad input: a file that is missing, empty, not of the
/// expected shape, or has a bad row. <see cref="Error"/> says where and what was expected. Reading stops
/// at the first error: a row is never guessed or skipped.
/// </summary>
public sealed class TraceFormatException : Exception
{
    /// <summary>An exception for <paramref name="error"/>; its message is the error's text.</summary>
    public TraceFormatException(TraceError error)
        : base((error ?? throw new ArgumentNullException(nameof(error))).ToString())
    {
        Error = error;
    }

    /// <summary>An exception for <paramref name="error"/> caused by <paramref name="innerException"/> (an I/O error).</summary>
    public TraceFormatException(TraceError error, Exception? innerException)
        : base((error ?? throw new ArgumentNullException(nameof(error))).ToString(), innerException)
    {
        Error = error;
    }

    /// <summary>Where the problem is and what was expected.</summary>
    public TraceError Error { get; }
}
