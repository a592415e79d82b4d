using Sim.Traces.Alibaba2017;
using Sim.Traces.AlibabaGpu2023;

namespace Sim.Traces.Tests.Csv;

/// <summary>Readers stream: they read as far as they are asked, in bounded memory, and refuse endless lines early.</summary>
public sealed class StreamingTests
{
    private static string TaskRow(long i) => $"{i % 86_400},{(i % 86_400) + 30},{i / 50},{i},{(i % 7) + 1},Terminated,50,0.0079\n";

    [Test]
    public void Reading_the_first_rows_of_a_10_gb_trace_reads_only_the_first_megabyte()
    {
        var text = GeneratedText.Rows(250_000_000, TaskRow); // about 10 GB of rows

        var first = Alibaba2017Trace.ReadBatchTasks(text, "huge.csv").Take(1_000).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(first, Has.Count.EqualTo(1_000));
            Assert.That(first[^1].TaskId, Is.EqualTo(999));
            Assert.That(text.CharactersRead, Is.LessThan(1 << 20));
        });
    }

    [Test]
    public void Memory_stays_flat_while_a_million_rows_stream_by()
    {
        var text = GeneratedText.Rows(1_000_000, TaskRow);
        long before = GC.GetTotalMemory(forceFullCollection: true), peak = 0, rows = 0;

        foreach (var task in Alibaba2017Trace.ReadBatchTasks(text, "big.csv"))
        {
            rows++;
            if (task.TaskId % 100_000 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(rows, Is.EqualTo(1_000_000));
            Assert.That(text.CharactersRead, Is.GreaterThan(40_000_000), "the whole input went through");
            Assert.That(peak, Is.LessThan(4 << 20), "bytes retained while reading");
        });
    }

    [Test]
    public void A_100_mb_line_is_refused_after_the_line_limit_not_after_reading_it_all()
    {
        var text = GeneratedText.OneLine(100_000_000, '7');

        var error = Assert.Throws<TraceFormatException>(() => Alibaba2017Trace.ReadServerEvents(text, "one-line.csv").ToList())!.Error;

        Assert.Multiple(() =>
        {
            Assert.That(error.ToString(), Is.EqualTo("one-line.csv:1:65537: the line is longer than 65,536 characters (TraceReaderOptions.MaxLineLength); trace lines are short, so this is not a trace file of this kind"));
            Assert.That(text.CharactersRead, Is.LessThan(1 << 20));
        });
    }

    [Test]
    public void The_line_limit_counts_from_each_line_break_and_can_be_changed()
    {
        var options = new TraceReaderOptions { MaxLineLength = 40 };
        const string Header = "sn,cpu_milli,memory_mib,gpu,model\r\n";

        var nodes = OpenbTrace.ReadNodes(new StringReader(Header + "openb-node-0000,32000,262144,0,\r\nopenb-node-0001,32000,262144,0,\r\n"), "nodes.csv", options).ToList();
        var error = Assert.Throws<TraceFormatException>(() => OpenbTrace.ReadNodes(new StringReader(Header + "openb-node-0000,32000,262144,0,\r\nopenb-node-with-a-long-name,32000,262144,0,\r\n"), "nodes.csv", options).ToList())!.Error;

        Assert.Multiple(() =>
        {
            Assert.That(nodes, Has.Count.EqualTo(2));
            Assert.That((error.Line, error.Column), Is.EqualTo((3L, 41L)));
        });
    }

    [Test]
    public void Each_enumeration_of_a_file_reads_it_again_and_nothing_is_read_before()
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "twice.csv");
        File.WriteAllText(path, "0,1,add,,64,0.5,1\n");
        var events = Alibaba2017Trace.ReadServerEvents(path);
        File.AppendAllText(path, "5,1,softerror,agent_check,0,0,0\n");

        Assert.That((events.Count(), events.Count()), Is.EqualTo((2, 2)));
    }
}
