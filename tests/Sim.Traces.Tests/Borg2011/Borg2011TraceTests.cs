using Sim.Traces.Borg2011;

namespace Sim.Traces.Tests.Borg2011;

/// <summary>The task_events reader on a small file written from the published 2011 schema.</summary>
public sealed class Borg2011TraceTests
{
    [Test]
    public void Reads_task_events_with_their_optional_fields()
    {
        var events = Borg2011Trace.ReadTaskEvents(TraceData.Sample("google-2011-task_events-part-00000-of-00500.csv")).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(events, Has.Count.EqualTo(6));
            Assert.That(events[0], Is.EqualTo(new TaskEvent(0, MissingInfo.ExistsButNoCreation, 3418309, 0, 4155527081, TaskEventType.Submit, "70s3v5qRyCO/1PCdI6fVXnrW8FU/w+5CKRSa72xgcIo=", 3, 9, 0.125, 0.07446, 0.0004244, false)));
            Assert.That(events[0].Time, Is.Null, "0 is before the trace");
            Assert.That(events[3], Is.EqualTo(new TaskEvent(5611826105, null, 6251974185, 252, null, TaskEventType.Submit, "+1pbJpIpDOkGJqHvSmZPpq1QYn4pjEzcRtsdJAbIgfI=", 0, 1, 0.03125, 0.01553, 0.0002155, true)));
            Assert.That(events[3].Time, Is.EqualTo(TimeSpan.FromMicroseconds(5611826105)));
            Assert.That(events[5], Is.EqualTo(new TaskEvent(TaskEvent.AfterTrace, null, 6251974185, 253, null, TaskEventType.Kill, null, null, 11, null, null, null, null)));
            Assert.That(events[5].Time, Is.Null, "2^63 - 1 is after the trace");
        });
    }

    [TestCase("0,,1,0,,9,,,0,,,,", "event type", "expected an event type: one of 0, 1, 2, 3, 4, 5, 6, 7, 8, got '9'")]
    [TestCase("0,3,1,0,,0,,,0,,,,", "missing info", "expected a missing-info code: one of 0, 1, 2, got '3'")]
    [TestCase("0,,1,0,,0,,,12,,,,", "priority", "expected an integer from 0 to 11 (priority), got '12' (out of range)")]
    [TestCase("0,,1,0,,0,,,0,,,,2", "different machines restriction", "expected a boolean: one of 0, 1, got '2'")]
    [TestCase("0,,1,0,,0,,4,0,,,,", "scheduling class", "expected an integer from 0 to 3 (scheduling class), got '4' (out of range)")]
    [TestCase("0,,1,0,,0,,,0,-0.5,,,", "CPU request", "expected a number of at least 0 (normalized CPU request), got '-0.5' (out of range)")]
    [TestCase("922337203685477581,,1,0,,0,,,0,,,,", "time", "expected microseconds up to 922337203685477580 or exactly 9223372036854775807 (after the trace), got 922337203685477581")]
    [TestCase("0,,,0,,0,,,0,,,,", "job ID", "expected a non-negative integer (job ID), got an empty field")]
    public void Refuses_values_outside_the_schema(string line, string column, string message)
    {
        var error = Assert.Throws<TraceFormatException>(() => Borg2011Trace.ReadTaskEvents(new StringReader(line), "part-00000-of-00500.csv").ToList())!.Error;

        Assert.That((error.Line, error.ColumnName, error.Message), Is.EqualTo((1L, column, message)));
    }
}
