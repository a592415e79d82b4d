using System.Collections.Immutable;

namespace Sim.Traces.Csv;

/// <summary>The columns of one kind of trace file, in their documented order.</summary>
/// <param name="Kind">What the file is, for messages ("an openb pod list").</param>
/// <param name="Columns">The column names in order; for a headerless file, the order of the fields.</param>
/// <param name="Header">Whether a header line names the columns.</param>
/// <param name="RequiredCount">
/// With a required header, the first <paramref name="RequiredCount"/> columns must be present and the
/// rest may be absent (the openb multigpu pod lists have only the first five columns).
/// </param>
internal sealed record TraceSchema(string Kind, ImmutableArray<string> Columns, TraceHeader Header, int RequiredCount)
{
    /// <summary>The column names joined by commas, for messages.</summary>
    public string ColumnList => string.Join(',', Columns);
}
