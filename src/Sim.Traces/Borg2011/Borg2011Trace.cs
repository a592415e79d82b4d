using Sim.Traces.Csv;

namespace Sim.Traces.Borg2011;

/// <summary>
/// Reads the Google cluster-usage trace 2011 (clusterdata-2011-2, Borg): the task_events table, one
/// (decompressed) <c>part-?????-of-00500.csv</c> at a time. Rows stream one at a time with bounded
/// memory; the first bad row stops the enumeration with a <see cref="TraceFormatException"/>.
/// </summary>
public static class Borg2011Trace
{
    /// <summary>The events of a task_events file (13 fields per line, no header).</summary>
    public static IEnumerable<TaskEvent> ReadTaskEvents(string path, TraceReaderOptions? options = null) =>
        TraceCsv.ReadFile<TaskEvent, TaskEventDecoder>(path, options);

    /// <summary>The events read from <paramref name="reader"/>; messages name it <paramref name="source"/>.</summary>
    public static IEnumerable<TaskEvent> ReadTaskEvents(TextReader reader, string source, TraceReaderOptions? options = null) =>
        TraceCsv.Read<TaskEvent, TaskEventDecoder>(reader, source, options);
}
