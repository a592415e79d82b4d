using Sim.Engine;
using Sim.Experiments.Tests.Scenarios;
using Sim.Experiments.Traces;
using Sim.Traces.Alibaba2017;
using Sim.Workloads;

namespace Sim.Experiments.Tests.Traces;

public class TraceReplayTests
{
    private const string Header = "task_create_time, task_end_time, job_id, task_id,number_of_instances, status, number_of_cpus_requested_per_instance_in_the_task,normalized_memory_requested_per_instance_in_the_task";

    private static BatchTask Task(double create, double end, long instances, BatchStatus status = BatchStatus.Terminated, long? cpu = 500, double? memory = 0.01) =>
        new(TimeSpan.FromSeconds(create), TimeSpan.FromSeconds(end), 1, 1, instances, status, cpu, memory);

    [Test]
    public void Tasks_become_jobs_in_creation_order_with_scaled_instances_and_memory()
    {
        BatchTask[] tasks =
        [
            Task(300, 400, 10),
            Task(100, 160, 1000),
            Task(200, 200, 5),                                     // ends when it starts: left out
            Task(250, 0, 5, BatchStatus.Running),                  // still running at the end: left out
            Task(150, 900, 3, BatchStatus.Waiting, cpu: null),     // no CPU stated: left out
            Task(50, 60, 7),                                       // before the window: left out
            Task(100, 130, 1),                                     // same creation time as the second: file order kept
        ];

        var jobs = TraceJobs.Alibaba2017BatchJobs(tasks, from: TimeSpan.FromSeconds(100), to: TimeSpan.FromSeconds(1000), instanceScale: 0.1, maxInstances: 50, normalizedMemoryBytes: 100L << 30).ToList();

        Assert.That(jobs, Is.EqualTo(new[]
        {
            new TraceJob(TimeSpan.Zero, 50, 500, (long)Math.Ceiling(0.01 * (100L << 30)), TimeSpan.FromSeconds(60)),   // 1000 × 0.1 = 100, capped at 50
            new TraceJob(TimeSpan.Zero, 1, 500, (long)Math.Ceiling(0.01 * (100L << 30)), TimeSpan.FromSeconds(30)),    // 0.1 rounds to 0: at least 1
            new TraceJob(TimeSpan.FromSeconds(200), 1, 500, (long)Math.Ceiling(0.01 * (100L << 30)), TimeSpan.FromSeconds(100)),
        }));
    }

    [Test]
    public void A_trace_workload_runs_its_jobs_at_the_trace_times_to_completion()
    {
        using var folder = new TempFolder();
        var trace = folder.Write("batch.csv", $"{Header}\n30,90,1,1,2,Terminated,100,0.01\n10,40,1,2,3,Terminated,50,0.02\n");
        var text = ScenarioFiles.Minimal + $"""
            workloads:
            - name: replay
              kind: Trace
              format: alibaba-2017-batch
              file: {Path.GetFileName(trace)}
              normalizedMemory: 64Gi
              ttlAfterFinished: 1h
            """;

        var read = ScenarioFiles.Read(text, folder.Path);
        Assert.That(read.Errors, Is.Empty, string.Join("\n", ScenarioFiles.Messages(read)));
        var scenario = read.Value!.Variants[0];
        var cluster = new Cluster.SimulatedCluster(seed: 1);
        foreach (var node in RunExecutor.Nodes(scenario.Cluster))
        {
            cluster.AddNode(node);
        }

        var driver = new WorkloadDriver(cluster, scenario.Workloads);
        driver.Start();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(9));
        var before = cluster.Api.List(Cluster.Objects.Job.KindName).Count;
        cluster.Simulation.RunUntil(SimTime.FromSeconds(11));
        var first = cluster.Api.List(Cluster.Objects.Job.KindName).Cast<Cluster.Objects.Job>().Single();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(600));
        var jobs = cluster.Api.List(Cluster.Objects.Job.KindName).Cast<Cluster.Objects.Job>().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.Zero);
            Assert.That(first.Spec.Parallelism, Is.EqualTo(3), "the task created at 10 s arrives first");
            Assert.That(first.Spec.Template.Spec.Containers[0].Requests.MilliCpu, Is.EqualTo(500));
            Assert.That(first.Spec.Template.Spec.Containers[0].RunFor, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(driver.PodsRequested, Is.EqualTo(5));
            Assert.That(jobs.Select(j => j.Status.Succeeded), Is.EqualTo(new[] { 3, 2 }), "every pod ran to completion");
        });
    }

    [Test]
    public void A_bad_trace_row_a_missing_file_and_an_unknown_format_are_errors_with_their_place()
    {
        using var folder = new TempFolder();
        folder.Write("bad.csv", $"{Header}\n10,40,1,2,three,Terminated,50,0.02\n");
        var text = ScenarioFiles.Minimal + """
            workloads:
            - name: bad
              kind: Trace
              format: alibaba-2017-batch
              file: bad.csv
              normalizedMemory: 64Gi
            - name: missing
              kind: Trace
              format: alibaba-2017-batch
              file: nowhere.csv
              normalizedMemory: 64Gi
            - name: other
              kind: Trace
              format: alibaba-2018-batch
              file: bad.csv
            """;

        var messages = ScenarioFiles.Messages(ScenarioFiles.Read(text, folder.Path));

        Assert.Multiple(() =>
        {
            Assert.That(messages.Any(m => m.StartsWith("s.yaml:14:9: workloads[0].file: ", StringComparison.Ordinal) && m.Contains("bad.csv:2:", StringComparison.Ordinal)), Is.True, string.Join("\n", messages));
            Assert.That(messages, Has.Some.StartsWith("s.yaml:19:9: workloads[1].file: file ").And.EndWith("nowhere.csv\" not found"));
            Assert.That(messages, Has.Some.StartsWith("s.yaml:23:11: workloads[2].format: unknown trace format \"alibaba-2018-batch\""));
            Assert.That(messages, Has.Some.StartsWith("s.yaml:21:3: workloads[2]: missing required field \"normalizedMemory\""));
        });
    }

    [Test]
    public void The_real_alibaba_2017_batch_trace_replays_in_creation_order()
    {
        var path = Path.Combine(ScenarioFiles.RepositoryRoot(), "..", "shared", "data", "alibaba-v2017", "batch_task.csv");
        if (!File.Exists(path))
        {
            Assert.Ignore("shared/data/alibaba-v2017/batch_task.csv is not here.");
        }

        var jobs = TraceJobs.Alibaba2017Batch(path, TimeSpan.Zero, null, 1, null, 96L << 30)().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(jobs.Count, Is.InRange(60_000, 80_553), "Terminated and Failed tasks with requests");
            Assert.That(jobs.Zip(jobs.Skip(1)).All(p => p.First.Arrival <= p.Second.Arrival), Is.True);
            Assert.That(jobs.All(j => j.Duration > TimeSpan.Zero && j.MilliCpu > 0 && j.MemoryBytes > 0), Is.True);
        });
    }

    [Test]
    public void The_shipped_trace_scenario_is_valid_where_the_data_is()
    {
        var root = ScenarioFiles.RepositoryRoot();
        if (!File.Exists(Path.Combine(root, "..", "shared", "data", "alibaba-v2017", "batch_task.csv")))
        {
            Assert.Ignore("shared/data/alibaba-v2017/batch_task.csv is not here.");
        }

        var read = Experiments.Scenarios.ScenarioReader.ReadFile(Path.Combine(root, "scenarios", "traces", "alibaba-2017-batch.yaml"), ScenarioFiles.Options());

        Assert.That(ScenarioFiles.Messages(read), Is.Empty);
    }

    [Test]
    public void Nodes_come_from_the_first_add_event_of_each_machine()
    {
        using var folder = new TempFolder();
        folder.Write("servers.csv", "0,7,add,,64,0.5,1\n0,9,add,,32,0.25,1\n100,7,softerror,machine_fail,,,\n200,7,add,,64,0.5,1\n300,11,add,,16,0.125,1\n");
        var text = """
            name: s
            duration: 1h
            policies: [kubernetes-default]
            cluster:
              traceNodes:
                format: alibaba-2017-servers
                file: servers.csv
                normalizedMemory: 128Gi
                count: 2
                zones: [zone-a, zone-b]

            """;

        var read = ScenarioFiles.Read(text, folder.Path);
        Assert.That(read.Errors, Is.Empty, string.Join("\n", ScenarioFiles.Messages(read)));
        var nodes = read.Value!.Variants[0].Cluster.Nodes;

        Assert.Multiple(() =>
        {
            Assert.That(nodes.Select(n => n.Metadata.Name), Is.EqualTo(new[] { "machine-7", "machine-9" }));
            Assert.That(nodes[0].Status.Allocatable.MilliCpu, Is.EqualTo(64_000));
            Assert.That(nodes[1].Status.Allocatable.Memory, Is.EqualTo(32L << 30));
            Assert.That(nodes.Select(n => n.Metadata.Labels[Cluster.Objects.Node.ZoneLabel]), Is.EqualTo(new[] { "zone-a", "zone-b" }));
        });
    }

    private sealed class TempFolder : IDisposable
    {
        private readonly DirectoryInfo _directory = ScenarioFiles.TempDirectory();

        public string Path => _directory.FullName;

        public string Write(string name, string text)
        {
            var path = System.IO.Path.Combine(Path, name);
            File.WriteAllText(path, text);
            return path;
        }

        public void Dispose() => _directory.Delete(recursive: true);
    }
}
