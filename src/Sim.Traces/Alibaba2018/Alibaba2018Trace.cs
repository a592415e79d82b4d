using Sim.Traces.Csv;

namespace Sim.Traces.Alibaba2018;

/// <summary>
/// Reads Alibaba cluster-trace-v2018 (github.com/alibaba/clusterdata, <c>cluster-trace-v2018</c>):
/// <c>container_meta.csv</c> and <c>batch_task.csv</c>, headerless, with the column order of the
/// published <c>schema.md</c>. Rows stream one at a time with bounded memory; the first bad row stops
/// the enumeration with a <see cref="TraceFormatException"/>.
/// </summary>
public static class Alibaba2018Trace
{
    /// <summary>The rows of a <c>container_meta.csv</c> (eight fields per line).</summary>
    public static IEnumerable<ContainerMeta> ReadContainerMeta(string path, TraceReaderOptions? options = null) =>
        TraceCsv.ReadFile<ContainerMeta, ContainerMetaDecoder>(path, options);

    /// <summary>The rows read from <paramref name="reader"/>; messages name it <paramref name="source"/>.</summary>
    public static IEnumerable<ContainerMeta> ReadContainerMeta(TextReader reader, string source, TraceReaderOptions? options = null) =>
        TraceCsv.Read<ContainerMeta, ContainerMetaDecoder>(reader, source, options);

    /// <summary>The tasks of a <c>batch_task.csv</c> (nine fields per line).</summary>
    public static IEnumerable<BatchTask> ReadBatchTasks(string path, TraceReaderOptions? options = null) =>
        TraceCsv.ReadFile<BatchTask, BatchTaskDecoder>(path, options);

    /// <summary>The tasks read from <paramref name="reader"/>; messages name it <paramref name="source"/>.</summary>
    public static IEnumerable<BatchTask> ReadBatchTasks(TextReader reader, string source, TraceReaderOptions? options = null) =>
        TraceCsv.Read<BatchTask, BatchTaskDecoder>(reader, source, options);
}
