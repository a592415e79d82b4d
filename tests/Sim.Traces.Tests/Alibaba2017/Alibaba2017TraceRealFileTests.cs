using Sim.Traces.Alibaba2017;

namespace Sim.Traces.Tests.Alibaba2017;

/// <summary>The re-hosted Alibaba 2017 files agree with the facts their README states about them.</summary>
public sealed class Alibaba2017TraceRealFileTests
{
    [Test]
    public void Reads_every_batch_task_with_its_status_and_requests()
    {
        var tasks = Alibaba2017Trace.ReadBatchTasks(TraceData.File("alibaba-v2017/batch_task.csv")).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(tasks, Has.Count.EqualTo(80_553));
            var byStatus = tasks.GroupBy(t => t.Status).ToDictionary(g => g.Key, g => g.Count());
            Assert.That(byStatus, Is.EquivalentTo(new Dictionary<BatchStatus, int>
            {
                [BatchStatus.Terminated] = 67_013,
                [BatchStatus.Waiting] = 8_847,
                [BatchStatus.Running] = 3_567,
                [BatchStatus.Failed] = 1_126,
            }));
            Assert.That(tasks.Select(t => t.JobId).Distinct().Count(), Is.EqualTo(12_951));
            Assert.That(tasks.Max(t => t.InstanceCount), Is.EqualTo(64_486));
            Assert.That(tasks.Min(t => t.CreateTime), Is.EqualTo(TimeSpan.FromSeconds(-1_078)));
            Assert.That(tasks.Max(t => t.CreateTime), Is.EqualTo(TimeSpan.FromSeconds(60_181)));
            Assert.That(tasks.Where(t => t.Status == BatchStatus.Waiting).Select(t => t.MilliCpuPerInstance), Is.All.Null);
            Assert.That(tasks.GroupBy(t => t.MilliCpuPerInstance).MaxBy(g => g.Count())!.Key, Is.EqualTo(500), "50 (half a core) is the most common request");
            Assert.That(tasks.Max(t => t.NormalizedMemoryPerInstance), Is.EqualTo(0.127).Within(0.0005));
            Assert.That(tasks[0], Is.EqualTo(new BatchTask(TimeSpan.FromSeconds(6_459), TimeSpan.FromSeconds(6_524), 3, 4, 15_740, BatchStatus.Terminated, 500, 0.007956928)));
        });
    }

    [Test]
    public void Reads_machine_adds_and_soft_errors()
    {
        var events = Alibaba2017Trace.ReadServerEvents(TraceData.File("alibaba-v2017/server_event.csv")).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(events, Has.Count.EqualTo(1_352));
            var adds = events.Where(e => e.Type == ServerEventType.Add).ToList();
            Assert.That(adds, Has.Count.EqualTo(1_313));
            Assert.That(adds.Select(e => e.MachineId).Distinct().Count(), Is.EqualTo(1_313));
            var errors = events.Where(e => e.Type == ServerEventType.SoftError).ToList();
            Assert.That(errors, Has.Count.EqualTo(39));
            Assert.That(errors.Select(e => e.MachineId).Distinct().Count(), Is.EqualTo(7), "the README says 8 machines; the file has soft errors on 7");
            Assert.That(errors.GroupBy(e => e.Detail).ToDictionary(g => g.Key!, g => g.Count()), Is.EquivalentTo(new Dictionary<string, int>
            {
                ["machine_fail"] = 15,
                ["agent_check"] = 19,
                ["daemon_check"] = 3,
                ["disk_full"] = 1,
                ["nc_diskless"] = 1,
            }));
            Assert.That(events[0], Is.EqualTo(new ServerEvent(TimeSpan.Zero, 1148, ServerEventType.Add, null, 64, 0.6900059534594777, 1)));
        });
    }
}
