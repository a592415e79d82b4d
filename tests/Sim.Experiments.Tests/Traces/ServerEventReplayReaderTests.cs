using Sim.Experiments.Tests.Scenarios;
using Sim.Faults;

namespace Sim.Experiments.Tests.Traces;

public class ServerEventReplayReaderTests
{
    [Test]
    public void A_server_event_file_binds_into_machine_events()
    {
        var folder = ScenarioFiles.TempDirectory();
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "events.csv"), "0,1,add,,64,0.69,1\n0,2,add,,64,0.69,1\n4407,2,softerror,agent_check,0,0,0\n9000,1,harderror,disk,0,0,0\n");
            var result = ScenarioFiles.Read(ScenarioFiles.Minimal + "faults:\n- {name: trace, kind: ServerEventReplay, file: events.csv, from: 1h, to: 3h, recoverAfter: 5m, mapping: truncate}\n", folder.FullName);

            Assert.That(ScenarioFiles.Messages(result), Is.Empty);
            var fault = (ServerEventReplayFault)result.Value!.Variants[0].Faults[0];
            Assert.Multiple(() =>
            {
                Assert.That(fault.Events, Is.EqualTo(new[]
                {
                    new MachineEvent(TimeSpan.Zero, 1, MachineEventKind.Add),
                    new MachineEvent(TimeSpan.Zero, 2, MachineEventKind.Add),
                    new MachineEvent(TimeSpan.FromSeconds(4407), 2, MachineEventKind.SoftError),
                    new MachineEvent(TimeSpan.FromSeconds(9000), 1, MachineEventKind.HardError),
                }));
                Assert.That((fault.From, fault.To, fault.RecoverAfter, fault.Mapping), Is.EqualTo((TimeSpan.FromHours(1), (TimeSpan?)TimeSpan.FromHours(3), TimeSpan.FromMinutes(5), MachineMapping.Truncate)));
            });
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Test]
    public void A_bad_row_a_missing_file_and_a_bad_mapping_are_reported()
    {
        var folder = ScenarioFiles.TempDirectory();
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "bad.csv"), "0,1,add,,64,0.69,1\n10,1,meltdown,,0,0,0\n");
            var result = ScenarioFiles.Read(ScenarioFiles.Minimal
                + "faults:\n- {name: a, kind: ServerEventReplay, file: bad.csv}\n- {name: b, kind: ServerEventReplay, file: nowhere.csv}\n- {name: c, kind: ServerEventReplay, file: bad.csv, mapping: folded}\n",
                folder.FullName);
            var messages = ScenarioFiles.Messages(result);

            Assert.Multiple(() =>
            {
                Assert.That(messages, Has.Some.StartsWith("s.yaml:11:44: faults[0].file: ").And.Contains("bad.csv:2:"));
                Assert.That(messages, Has.Some.StartsWith("s.yaml:12:44: faults[1].file: file ").And.EndsWith("nowhere.csv\" not found"));
                Assert.That(messages, Has.Some.EqualTo("s.yaml:13:62: faults[2].mapping: unknown mapping \"folded\" (did you mean \"fold\"?); expected fold, truncate or label"));
            });
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Test]
    public void With_the_nodes_of_the_same_trace_each_machine_fails_on_its_own_node()
    {
        var path = Path.Combine(ScenarioFiles.RepositoryRoot(), "..", "shared", "data", "alibaba-v2017", "server_event.csv");
        if (!File.Exists(path))
        {
            Assert.Ignore("shared/data/alibaba-v2017/server_event.csv is not here.");
        }

        var text = $$"""
            name: s
            duration: 2h
            policies: [kubernetes-default]
            cluster:
              traceNodes: {format: alibaba-2017-servers, file: '{{path}}', normalizedMemory: 96Gi}
            faults:
            - {name: alibaba, kind: ServerEventReplay, file: '{{path}}', mapping: label}
            """;
        var scenario = ScenarioFiles.Read(text).Value!.Variants[0];

        var result = RunExecutor.Execute(new RunSpec(0, scenario, scenario.Policies[0], 1));

        // In the first 2 h of the trace, machines 930 (777 s), 1075 (1,351 s) and 372 (4,407 s) report errors.
        Assert.That(result.Final.Single(m => m.Name == Metrics.Replication.ReplicationMetricNames.NodeIncidents).Value, Is.EqualTo(3));
    }

    [Test]
    public void The_real_alibaba_2017_server_events_replay_as_node_failures()
    {
        var path = Path.Combine(ScenarioFiles.RepositoryRoot(), "..", "shared", "data", "alibaba-v2017", "server_event.csv");
        if (!File.Exists(path))
        {
            Assert.Ignore("shared/data/alibaba-v2017/server_event.csv is not here.");
        }

        var events = Experiments.Traces.ServerEventFaults.Alibaba2017(Sim.Traces.Alibaba2017.Alibaba2017Trace.ReadServerEvents(path));
        var cluster = new Cluster.SimulatedCluster(1, recordEvents: false);
        for (var i = 0; i < 100; i++)
        {
            cluster.AddNode($"m{i:D3}", Cluster.Resources.ResourceList.Builder().Cpu(64_000).Memory(96L << 30).Pods(110).Build());
        }

        var injector = new FaultInjector(cluster, [new ServerEventReplayFault { Name = "alibaba", Events = events }]);
        injector.Start();
        cluster.Simulation.RunUntil(Engine.SimTime.FromSeconds(24 * 3600));

        Assert.Multiple(() =>
        {
            Assert.That(events.Count(e => e.Kind == MachineEventKind.Add), Is.EqualTo(1313));
            Assert.That(events.Count(e => e.Kind == MachineEventKind.SoftError), Is.EqualTo(39));
            Assert.That(injector.Log.Count(r => r.IsDown) + injector.Log.Count(r => !r.IsDown), Is.LessThanOrEqualTo(2 * 39), "39 errors; some overlap on their node");
            Assert.That(injector.Log.Select(r => r.Node).Distinct().Count(), Is.InRange(1, 8), "8 machines fail");
            Assert.That(cluster.Kubelets.Values.Count(k => k.IsDown), Is.Zero, "every error recovers after 10 minutes");
        });
    }
}
