using Sim.Traces.Alibaba2017;
using Sim.Traces.Alibaba2018;

namespace Sim.Traces.Tests.Alibaba2018;

/// <summary>The 2018 readers on small files written from the published schema.md.</summary>
public sealed class Alibaba2018TraceTests
{
    [Test]
    public void Reads_container_meta_and_maps_the_invalid_marker_to_null()
    {
        var rows = Alibaba2018Trace.ReadContainerMeta(TraceData.Sample("alibaba-2018-container_meta.csv")).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(rows, Has.Count.EqualTo(4));
            Assert.That(rows[1], Is.EqualTo(new ContainerMeta("c_1", "m_2556", TimeSpan.FromSeconds(287942), "app_5052", "started", 400, 400, 1.56)));
            Assert.That(rows[1].MilliCpuRequest, Is.EqualTo(4_000));
            Assert.That(rows[3].NormalizedMemory, Is.Null, "-1 marks an invalid value");
            Assert.That(rows[3].MilliCpuLimit, Is.EqualTo(16_000));
        });
    }

    [Test]
    public void Reads_batch_tasks_with_dag_names_and_empty_plans()
    {
        var tasks = Alibaba2018Trace.ReadBatchTasks(TraceData.Sample("alibaba-2018-batch_task.csv")).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(tasks[0], Is.EqualTo(new Sim.Traces.Alibaba2018.BatchTask("M1", 1, "j_1", "1", BatchStatus.Terminated, TimeSpan.FromSeconds(157213), TimeSpan.FromSeconds(157322), 100, 0.3)));
            Assert.That(tasks[0].MilliCpu, Is.EqualTo(1_000));
            Assert.That(tasks[2].PlanCpu, Is.Null);
            Assert.That(tasks[3].MilliCpu, Is.EqualTo(125));
            Assert.That(tasks[3].PlanMemory, Is.Null, "101 marks an invalid value");
        });
    }

    [Test]
    public void A_normalized_value_outside_0_to_100_that_is_not_a_marker_is_refused()
    {
        var error = Assert.Throws<TraceFormatException>(() => Alibaba2018Trace.ReadContainerMeta(new StringReader("c_1,m_1,0,app_1,started,400,400,100.5\n"), "container_meta.csv").ToList())!.Error;

        Assert.That(error.ToString(), Is.EqualTo("container_meta.csv:1:33: column 'mem_size': expected normalized memory: a number from 0 to 100 (or -1 or 101 for invalid), got '100.5' (out of range)"));
    }

    [Test]
    public void A_name_with_spaces_is_refused()
    {
        var error = Assert.Throws<TraceFormatException>(() => Alibaba2018Trace.ReadBatchTasks(new StringReader("M 1,1,j_1,1,Terminated,1,2,100,0.3\n"), "batch_task.csv").ToList())!.Error;

        Assert.That(error.Message, Is.EqualTo("expected a task name: 1 to 256 printable ASCII characters without spaces, got 'M 1'"));
    }
}
