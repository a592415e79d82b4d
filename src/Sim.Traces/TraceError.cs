using System.Globalization;

namespace Sim.Traces;

/// <summary>
/// What is wrong with a trace file and where: the file, the line and column (1-based; 0 when the problem
/// is the file as a whole), the trace column's name when the problem is one field, and what was
/// expected. Shaped like <c>Sim.Kubernetes.Diagnostic</c> (Source, Line, Column, Message) and printed
/// the same way: <c>batch_task.csv:12:7: column 'status': expected one of …, got 'Done'</c>.
/// </summary>
/// <param name="Source">The file as the caller named it.</param>
/// <param name="Line">The line, from 1; 0 when there is none (an empty or unreadable file).</param>
/// <param name="Column">The character column where the bad field starts, from 1; 0 when there is none.</param>
/// <param name="ColumnName">The trace column (field) the problem is in, as the dataset's documentation names it; null for a whole line or file.</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record TraceError(string Source, long Line, long Column, string? ColumnName, string Message)
{
    /// <summary><c>file:line:column: column 'name': message</c>, leaving out the parts that are absent.</summary>
    public override string ToString()
    {
        var where = Line > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{Source}:{Line}:{Column}")
            : Source;
        return ColumnName is null ? $"{where}: {Message}" : $"{where}: column '{ColumnName}': {Message}";
    }
}
