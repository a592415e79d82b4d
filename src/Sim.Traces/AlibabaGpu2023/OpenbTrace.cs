using Sim.Traces.Csv;

namespace Sim.Traces.AlibabaGpu2023;

/// <summary>
/// Reads the Alibaba GPU cluster trace v2023 ("openb", github.com/alibaba/clusterdata,
/// <c>cluster-trace-gpu-v2023</c>): node lists and pod lists. Both start with a header line; columns are
/// found by name, extra columns are ignored. Rows stream one at a time, in file order; the first bad row
/// stops the enumeration with a <see cref="TraceFormatException"/> naming the file, line, column and
/// what was expected.
/// </summary>
public static class OpenbTrace
{
    /// <summary>The nodes of an <c>openb_node_list_*.csv</c> (<c>sn,cpu_milli,memory_mib,gpu,model</c>).</summary>
    public static IEnumerable<OpenbNode> ReadNodes(string path, TraceReaderOptions? options = null) =>
        TraceCsv.ReadFile<OpenbNode, OpenbNodeDecoder>(path, options);

    /// <summary>The nodes read from <paramref name="reader"/>; messages name it <paramref name="source"/>.</summary>
    public static IEnumerable<OpenbNode> ReadNodes(TextReader reader, string source, TraceReaderOptions? options = null) =>
        TraceCsv.Read<OpenbNode, OpenbNodeDecoder>(reader, source, options);

    /// <summary>
    /// The pods of an <c>openb_pod_list_*.csv</c>
    /// (<c>name,cpu_milli,memory_mib,num_gpu,gpu_milli[,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time]</c>).
    /// </summary>
    public static IEnumerable<OpenbPod> ReadPods(string path, TraceReaderOptions? options = null) =>
        TraceCsv.ReadFile<OpenbPod, OpenbPodDecoder>(path, options);

    /// <summary>The pods read from <paramref name="reader"/>; messages name it <paramref name="source"/>.</summary>
    public static IEnumerable<OpenbPod> ReadPods(TextReader reader, string source, TraceReaderOptions? options = null) =>
        TraceCsv.Read<OpenbPod, OpenbPodDecoder>(reader, source, options);
}
