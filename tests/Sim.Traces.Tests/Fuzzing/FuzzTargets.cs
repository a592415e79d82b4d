using System.Text;
using Sim.Experiments.Scenarios;
using Sim.Kubernetes;
using Sim.Scheduling.Policies;
using Sim.Traces.Alibaba2017;
using Sim.Traces.Alibaba2018;
using Sim.Traces.AlibabaGpu2023;
using Sim.Traces.Borg2011;
using Sim.Traces.Columns;

namespace Sim.Traces.Tests.Fuzzing;

/// <summary>
/// Every reader of user input, with its seeds: the trace readers (which may throw only
/// <see cref="TraceFormatException"/>) and the YAML readers — Kubernetes objects, scheduler
/// configurations and scenarios — which must return diagnostics and never throw. Seeds are small valid inputs written here, plus the head of each real trace file and the
/// repository's example YAML files when they are present.
/// </summary>
internal static class FuzzTargets
{
    public static IEnumerable<FuzzTarget> All()
    {
        yield return Csv("openb-nodes", b => Drain(OpenbTrace.ReadNodes(Text(b), "fuzz.csv")), "alibaba-gpu-2023/openb_node_list_all_node.csv",
            "sn,cpu_milli,memory_mib,gpu,model\nopenb-node-0000,64000,262144,2,P100\nopenb-node-0001,32000,262144,0,\nopenb-node-1522,96000,393216,8,G2\n");
        yield return Csv("openb-pods", b => Drain(OpenbTrace.ReadPods(Text(b), "fuzz.csv")), "alibaba-gpu-2023/openb_pod_list_gpuspec33.csv",
            "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time\n"
            + "openb-pod-0000,12000,16384,1,1000,,LS,Running,0,12537496,0\nopenb-pod-0001,6000,12288,1,460,V100M16|V100M32,BE,Pending,427061,12902960,\n"
            + "openb-pod-0002,88000,327680,8,1000,G2,Guaranteed,Succeeded,1558381,12902960,1558381\n",
            "name,cpu_milli,memory_mib,num_gpu,gpu_milli\nopenb-pod-0000,12000,16384,1,1000\nopenb-pod-0001,6000,12288,0,0\n");
        yield return Csv("alibaba2017-batch-task", b => Drain(Alibaba2017Trace.ReadBatchTasks(Text(b), "fuzz.csv")), "alibaba-v2017/batch_task.csv",
            "6459,6524,3,4,15740,Terminated,50,0.007956928\n6036,6046,4,7,393,Waiting,,\n-60,-55,6168,37197,1,Failed,100,0.00406906\n");
        yield return Csv("alibaba2017-server-event", b => Drain(Alibaba2017Trace.ReadServerEvents(Text(b), "fuzz.csv")), "alibaba-v2017/server_event.csv",
            "0,1148,add,,64,0.6900059534594777,1\n777,930,softerror,machine_fail,0,0,0\n8611,1075,harderror,agent_check,0,0,0\n");
        yield return Csv("alibaba2018-container-meta", b => Drain(Alibaba2018Trace.ReadContainerMeta(Text(b), "fuzz.csv")), null,
            "c_1,m_2556,0,app_5052,started,400,400,1.56\nc_1,m_2556,287942,app_5052,started,400,400,1.56\nc_3,m_101,12,app_4801,allocated,400,1600,-1\n");
        yield return Csv("alibaba2018-batch-task", b => Drain(Alibaba2018Trace.ReadBatchTasks(Text(b), "fuzz.csv")), null,
            "M1,1,j_1,1,Terminated,157213,157322,100.0,0.3\nR2_1,3,j_1,1,Terminated,157322,157437,50.0,0.2\nM5_3_4,10,j_2,12,Running,86400,0,,\n");
        yield return Csv("borg2011-task-events", b => Drain(Borg2011Trace.ReadTaskEvents(Text(b), "fuzz.csv")), null,
            "0,2,3418309,0,4155527081,0,70s3v5qRyCO/1PCdI6fVXnrW8FU/w+5CKRSa72xgcIo=,3,9,0.125,0.07446,0.0004244,0\n"
            + "5611826105,,6251974185,252,,0,+1pbJpIpDOkGJqHvSmZPpq1QYn4pjEzcRtsdJAbIgfI=,0,1,0.03125,0.01553,0.0002155,1\n"
            + "9223372036854775807,,6251974185,253,,5,,,11,,,,\n");
        yield return Csv("data-column", b => Drain(DataColumn.Read(Text(b), "fuzz.csv", "duration_s")), null,
            "duration_s,gpu\n209,1\n319,0\n207,0.81\n", "job,duration_s\na, 1h \n\nb,45s\r\n");
        yield return Csv("data-lines", b => Drain(DataColumn.Read(Text(b), "fuzz.txt", null)), null, "1.5\n\n  2 \n3e2\n500m\n");
        yield return new FuzzTarget("kubernetes-yaml", b => Check(KubernetesYamlReader.Read(Encoding.UTF8.GetString(b), "fuzz.yaml")), null,
            Seeds(FuzzSeeds.KubernetesObjects, "examples/explain/cluster.yaml", "examples/explain/pod.yaml"));
        yield return new FuzzTarget("scheduler-config", b => Check(SchedulerConfigReader.Read(Encoding.UTF8.GetString(b), "fuzz.yaml", PolicyCatalogue.CreateRegistry())), null,
            Seeds(FuzzSeeds.SchedulerConfigurations, "examples/explain/scheduler-config.yaml", "examples/policies/requested-to-capacity-ratio.yaml"));
        yield return new FuzzTarget("scenario", b => Check(ScenarioReader.Read(Encoding.UTF8.GetString(b), "fuzz.yaml", ScenarioOptions)), null,
            Seeds(FuzzSeeds.Scenarios, "scenarios/quickstart.yaml"));
    }

    /// <summary>The scenario reader's options: the policy catalogue's names and the default plugins, as <c>sim run</c> passes them.</summary>
    private static ScenarioReaderOptions ScenarioOptions { get; } = new()
    {
        KnownPolicies = [.. PolicyCatalogue.All.Select(p => p.Name)],
        Plugins = PolicyCatalogue.CreateRegistry(),
    };

    /// <summary>The target named <paramref name="name"/>.</summary>
    public static FuzzTarget Named(string name) => All().Single(t => t.Name == name);

    private static void Drain<T>(IEnumerable<T> records)
    {
        foreach (var record in records)
        {
            GC.KeepAlive(record);
        }
    }

    private static StreamReader Text(byte[] bytes) => new(new MemoryStream(bytes), Encoding.UTF8);

    private static void Check<T>(ReadResult<T> result)
        where T : class
    {
        if (result.Value is null && !result.Errors.Any())
        {
            throw new InvalidOperationException("The reader returned neither a value nor an error.");
        }
    }

    private static FuzzTarget Csv(string name, Action<byte[]> read, string? realFile, params string[] seeds)
    {
        var all = seeds.Select(Encoding.UTF8.GetBytes).ToList();
        if (realFile is not null && TraceData.Head(realFile, lines: 40) is { } head)
        {
            all.Add(head);
        }

        return new FuzzTarget(name, read, typeof(TraceFormatException), all);
    }

    private static List<byte[]> Seeds(IEnumerable<string> inline, params string[] repositoryFiles)
    {
        var all = inline.Select(Encoding.UTF8.GetBytes).ToList();
        foreach (var file in repositoryFiles)
        {
            if (TraceData.Repository(file) is { } path)
            {
                all.Add(File.ReadAllBytes(path));
            }
        }

        return all;
    }
}
