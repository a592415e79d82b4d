using Sim.Traces.Alibaba2017;

namespace Sim.Traces.Tests.Alibaba2017;

public sealed class Alibaba2017TraceTests
{
    private const string Header = "task_create_time, task_end_time, job_id, task_id,number_of_instances, status, number_of_cpus_requested_per_instance_in_the_task,normalized_memory_requested_per_instance_in_the_task\r\n";

    private static List<BatchTask> Tasks(string text) => Alibaba2017Trace.ReadBatchTasks(new StringReader(text), "batch_task.csv").ToList();

    private static TraceError TaskError(string text) =>
        Assert.Throws<TraceFormatException>(() => Tasks(text))!.Error;

    [Test]
    public void Reads_batch_tasks_with_and_without_the_rehosters_header()
    {
        const string rows = "6459,6524,3,4,15740,Terminated,50,0.007956928\r\n6036,6046,4,7,393,Waiting,,\r\n";

        Assert.Multiple(() =>
        {
            Assert.That(Tasks(Header + rows), Is.EqualTo(Tasks(rows)));
            Assert.That(Tasks(rows), Is.EqualTo(new[]
            {
                new BatchTask(TimeSpan.FromSeconds(6459), TimeSpan.FromSeconds(6524), 3, 4, 15740, BatchStatus.Terminated, 500, 0.007956928),
                new BatchTask(TimeSpan.FromSeconds(6036), TimeSpan.FromSeconds(6046), 4, 7, 393, BatchStatus.Waiting, null, null),
            }));
        });
    }

    [Test]
    public void Keeps_negative_times_which_mean_before_the_trace()
    {
        Assert.That(Tasks("-60,-55,6168,37197,1,Terminated,50,0.00406906\n").Single().CreateTime, Is.EqualTo(TimeSpan.FromSeconds(-60)));
    }

    [Test]
    public void An_unknown_status_is_refused_with_the_known_ones()
    {
        var error = TaskError("6459,6524,3,4,15740,Done,50,0.007956928\n");

        Assert.That(error.ToString(), Is.EqualTo("batch_task.csv:1:21: column 'status': expected a task state: one of Ready, Waiting, Running, Terminated, Failed, Cancelled, Interrupted, got 'Done'"));
    }

    [Test]
    public void A_memory_fraction_above_one_machine_is_refused()
    {
        var error = TaskError("6459,6524,3,4,15740,Terminated,50,1.5\n");

        Assert.That(error.Message, Is.EqualTo("expected a number from 0 to 1 (memory per instance as a fraction of a machine's), got '1.5' (out of range)"));
    }

    [Test]
    public void Not_a_number_is_refused_even_where_dotnet_would_parse_it()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TaskError("6459,6524,3,4,15740,Terminated,50,NaN\n").ColumnName, Is.EqualTo("normalized_memory_requested_per_instance_in_the_task"));
            Assert.That(TaskError("6459,6524,3,4,15740,Terminated,50, 0.5\n").ColumnName, Is.EqualTo("normalized_memory_requested_per_instance_in_the_task"));
            Assert.That(TaskError("6459,6524,3,4,1e3,Terminated,50,0.5\n").ColumnName, Is.EqualTo("number_of_instances"));
            Assert.That(TaskError("6459,6524,3,4,1_000,Terminated,50,0.5\n").ColumnName, Is.EqualTo("number_of_instances"));
        });
    }

    [Test]
    public void A_time_beyond_what_a_timespan_holds_is_refused()
    {
        Assert.That(TaskError("922337203686,6524,3,4,1,Terminated,50,0.5\n").Message, Does.StartWith("expected an integer from -922337203685 to 922337203685 (seconds from the trace start)"));
    }

    [Test]
    public void An_empty_headerless_file_is_refused_and_its_fields_are_named()
    {
        var error = Assert.Throws<TraceFormatException>(() => Alibaba2017Trace.ReadServerEvents(new StringReader("\n\n"), "server_event.csv").ToList())!.Error;

        Assert.That(error.ToString(), Is.EqualTo("server_event.csv: the file is empty; an Alibaba 2017 server_event.csv has lines of 7 fields: timestamp,machine_id,event_type,event_detail,cpus,normalized_memory,normalized_disk"));
    }

    [Test]
    public void Reads_server_events_and_refuses_unknown_event_types()
    {
        var events = Alibaba2017Trace.ReadServerEvents(new StringReader("0,1148,add,,64,0.69,1\n777,930,softerror,machine_fail,0,0,0\n90,930,remove,,,,\n"), "server_event.csv").ToList();
        var error = Assert.Throws<TraceFormatException>(() => Alibaba2017Trace.ReadServerEvents(new StringReader("0,1148,reboot,,64,0.69,1\n"), "server_event.csv").ToList())!.Error;

        Assert.Multiple(() =>
        {
            Assert.That(events, Is.EqualTo(new[]
            {
                new ServerEvent(TimeSpan.Zero, 1148, ServerEventType.Add, null, 64, 0.69, 1),
                new ServerEvent(TimeSpan.FromSeconds(777), 930, ServerEventType.SoftError, "machine_fail", 0, 0, 0),
                new ServerEvent(TimeSpan.FromSeconds(90), 930, ServerEventType.Remove, null, null, null, null),
            }));
            Assert.That(error.ToString(), Is.EqualTo("server_event.csv:1:8: column 'event_type': expected a machine event type: one of add, softerror, harderror, remove, got 'reboot'"));
        });
    }
}
