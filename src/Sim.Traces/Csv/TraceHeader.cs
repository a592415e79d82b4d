namespace Sim.Traces.Csv;

/// <summary>Whether a trace file starts with a header line naming its columns.</summary>
internal enum TraceHeader
{
    /// <summary>No header: the fields are in the schema's order (the published Alibaba and Google traces).</summary>
    None,

    /// <summary>A header is required; columns are found by name and may come in any order.</summary>
    Required,

    /// <summary>
    /// The first line is a header when its fields, trimmed, are exactly the schema's column names in
    /// order (a re-hoster added such a line to Alibaba 2017's batch_task.csv); otherwise it is data.
    /// </summary>
    Optional,
}
