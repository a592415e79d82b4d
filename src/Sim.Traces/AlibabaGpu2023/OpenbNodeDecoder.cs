using Sim.Traces.Csv;

namespace Sim.Traces.AlibabaGpu2023;

/// <summary>Decodes node-list rows; the header is required and columns are found by name.</summary>
internal readonly struct OpenbNodeDecoder : ITraceDecoder<OpenbNode>
{
    /// <summary>The largest MiB amount whose bytes fit in a long.</summary>
    internal const long MaxMiB = long.MaxValue / OpenbPod.BytesPerMiB;

    private const int Name = 0;
    private const int Cpu = 1;
    private const int Memory = 2;
    private const int Gpu = 3;
    private const int Model = 4;

    public static TraceSchema Schema { get; } = new(
        "an openb node list",
        ["sn", "cpu_milli", "memory_mib", "gpu", "model"],
        TraceHeader.Required,
        RequiredCount: 5);

    public static OpenbNode Decode<TRow>(scoped ref TRow row)
        where TRow : ITraceRow, allows ref struct
    {
        var name = RowFields.Name(ref row, Name, "a node name");
        var cpu = RowFields.Int64(ref row, Cpu, 0, long.MaxValue, "CPU capacity in milli-cores");
        var memory = RowFields.Int64(ref row, Memory, 0, MaxMiB, "memory capacity in MiB");
        var gpus = (int)RowFields.Int64(ref row, Gpu, 0, int.MaxValue, "number of GPUs");
        var model = RowFields.OptionalName(ref row, Model, "a GPU model");
        if ((gpus == 0) != (model is null))
        {
            throw RowFields.Error(ref row, Model, gpus == 0
                ? $"a node without GPUs has no GPU model, got {RowFields.Describe(model, outOfRange: false)}"
                : "expected the GPU model of a node with GPUs, got an empty field");
        }

        return new OpenbNode(name, cpu, memory, gpus, model);
    }
}
