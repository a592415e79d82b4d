using Sim.Traces.Csv;

namespace Sim.Traces.Alibaba2017;

/// <summary>
/// Reads Alibaba cluster-trace-v2017 (github.com/alibaba/clusterdata, <c>cluster-trace-v2017</c>):
/// <c>batch_task.csv</c> and <c>server_event.csv</c>. Rows stream one at a time (memory stays bounded
/// by <see cref="TraceReaderOptions.MaxLineLength"/> whatever the file's size), in file order, which for
/// batch_task is not time order. The first bad row stops the enumeration with a
/// <see cref="TraceFormatException"/> naming the file, line, column and what was expected.
/// </summary>
public static class Alibaba2017Trace
{
    /// <summary>
    /// The tasks in a <c>batch_task.csv</c>: eight fields per line, with or without the header line the
    /// re-hosted copy added (recognized only when it names the eight columns exactly).
    /// </summary>
    public static IEnumerable<BatchTask> ReadBatchTasks(string path, TraceReaderOptions? options = null) =>
        TraceCsv.ReadFile<BatchTask, BatchTaskDecoder>(path, options);

    /// <summary>The tasks read from <paramref name="reader"/>; messages name it <paramref name="source"/>.</summary>
    public static IEnumerable<BatchTask> ReadBatchTasks(TextReader reader, string source, TraceReaderOptions? options = null) =>
        TraceCsv.Read<BatchTask, BatchTaskDecoder>(reader, source, options);

    /// <summary>The machine events in a <c>server_event.csv</c> (seven fields per line, no header).</summary>
    public static IEnumerable<ServerEvent> ReadServerEvents(string path, TraceReaderOptions? options = null) =>
        TraceCsv.ReadFile<ServerEvent, ServerEventDecoder>(path, options);

    /// <summary>The machine events read from <paramref name="reader"/>; messages name it <paramref name="source"/>.</summary>
    public static IEnumerable<ServerEvent> ReadServerEvents(TextReader reader, string source, TraceReaderOptions? options = null) =>
        TraceCsv.Read<ServerEvent, ServerEventDecoder>(reader, source, options);
}
