using BenchmarkDotNet.Attributes;
using CsvHelper;
using Sim.Traces;
using Sim.Traces.Alibaba2017;
using Sim.Traces.Csv;

namespace Sim.Benchmarks;

/// <summary>
/// Reading a 1,000,000-row batch_task.csv-shaped file into typed, validated <see cref="BatchTask"/>
/// records, on one thread, with three CSV engines under the same decoder: Sep (what Sim.Traces uses:
/// <see cref="Alibaba2017Trace.ReadBatchTasks(string, TraceReaderOptions?)"/> as callers call it),
/// CsvHelper 34's reader (UTF-8 from the file stream, no escapes like Sep with quotes off, its own
/// record-size cap; fields decoded to UTF-16 into one reused buffer), and the naive baseline,
/// <c>ReadLine</c> + <c>string.Split</c> (through the same UTF-8 reader and line cap as Sep). All three
/// produce the same records (checked in global setup). One operation is one row.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RowsPerSecondConfig))]
public class TraceReadingBenchmarks
{
    private const int Rows = 1_000_000;

    private string _path = "";

    [GlobalSetup]
    public void WriteTheFile()
    {
        _path = Path.Combine(Path.GetTempPath(), $"sim-bench-batch_task-{Environment.ProcessId}.csv");
        BatchTaskFile.Write(_path, Rows, seed: 2017);
        var expected = Sep();
        if (expected == 0 || CsvHelperParser() != expected || StringSplit() != expected)
        {
            throw new InvalidOperationException("The three readers disagree on the file.");
        }
    }

    [GlobalCleanup]
    public void DeleteTheFile() => File.Delete(_path);

    [Benchmark(OperationsPerInvoke = Rows)]
    public long Sep()
    {
        var checksum = 0L;
        foreach (var task in Alibaba2017Trace.ReadBatchTasks(_path))
        {
            checksum += task.InstanceCount + (task.MilliCpuPerInstance ?? 0);
        }

        return checksum;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public long CsvHelperParser()
    {
        var layout = TraceLayout.InSchemaOrder(BatchTaskDecoder.Schema, _path);
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var reader = CsvReader.Create(stream, CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = false,
            Mode = CsvMode.NoEscape,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            MaxRecordSize = TraceReaderOptions.Default.MaxLineLength,
        }, leaveOpen: false);
        var fields = new CsvHelperFields(layout);
        var checksum = 0L;
        reader.Read(); // the header line
        while (reader.Read())
        {
            var row = fields.Load(reader);
            var task = BatchTaskDecoder.Decode(ref row);
            checksum += task.InstanceCount + (task.MilliCpuPerInstance ?? 0);
        }

        return checksum;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public long StringSplit()
    {
        var layout = TraceLayout.InSchemaOrder(BatchTaskDecoder.Schema, _path);
        using var text = new BoundedLineReader(TraceCsv.OpenFile(_path), _path, TraceReaderOptions.Default.MaxLineLength);
        var checksum = 0L;
        var line = 1L;
        text.ReadLine(); // the header line
        while (text.ReadLine() is { } fields)
        {
            var row = new StringFieldsRow(fields.Split(','), ++line, layout);
            var task = BatchTaskDecoder.Decode(ref row);
            checksum += task.InstanceCount + (task.MilliCpuPerInstance ?? 0);
        }

        return checksum;
    }
}
