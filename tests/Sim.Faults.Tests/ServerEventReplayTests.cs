using Sim.Engine;

namespace Sim.Faults.Tests;

public class ServerEventReplayTests
{
    private static MachineEvent E(double seconds, long machine, MachineEventKind kind) => new(TimeSpan.FromSeconds(seconds), machine, kind);

    [Test]
    public void Errors_take_the_machines_node_down_until_the_recovery_time_or_a_later_add()
    {
        // Machines 10, 20, 30 rank 0, 1, 2 onto n0, n1, n2; the window starts at trace time 100 s.
        var cluster = TestClusters.Nodes(3);
        var injector = new FaultInjector(cluster,
        [
            new ServerEventReplayFault
            {
                Name = "trace",
                From = TimeSpan.FromSeconds(100),
                RecoverAfter = TimeSpan.FromSeconds(300),
                Events =
                [
                    E(0, 10, MachineEventKind.Add), E(0, 20, MachineEventKind.Add), E(0, 30, MachineEventKind.Add),
                    E(50, 10, MachineEventKind.HardError), // before the window: ignored
                    E(150, 20, MachineEventKind.SoftError),
                    E(400, 20, MachineEventKind.SoftError), // while down: holds it until 700
                    E(200, 30, MachineEventKind.Remove),
                    E(1000, 30, MachineEventKind.Add),
                ],
            },
        ]);
        injector.Start();

        cluster.Simulation.RunUntil(SimTime.FromSeconds(2000));

        Assert.That(injector.Log.Select(r => (r.Time, r.Node, r.IsDown)), Is.EqualTo(new[]
        {
            (SimTime.FromSeconds(50), "n1", true),
            (SimTime.FromSeconds(100), "n2", true),
            (SimTime.FromSeconds(600), "n1", false),
            (SimTime.FromSeconds(900), "n2", false),
        }));
    }

    [TestCase(MachineMapping.Fold, new[] { "n1", "n0", "n0" })]
    [TestCase(MachineMapping.Truncate, new[] { "n1", "n0" })]
    public void Machines_beyond_the_node_count_fold_onto_the_nodes_or_are_dropped(MachineMapping mapping, string[] expected)
    {
        var cluster = TestClusters.Nodes(2);
        var injector = new FaultInjector(cluster,
        [
            new ServerEventReplayFault
            {
                Name = "trace",
                Mapping = mapping,
                RecoverAfter = TimeSpan.FromSeconds(10),
                Events = [E(100, 7, MachineEventKind.HardError), E(200, 5, MachineEventKind.HardError), E(300, 9, MachineEventKind.HardError)],
            },
        ]);
        injector.Start();

        cluster.Simulation.RunUntil(SimTime.FromSeconds(1000));

        Assert.That(injector.Log.Where(r => r.IsDown).Select(r => r.Node), Is.EqualTo(expected), "ranks by id: 5 → n0, 7 → n1, 9 → n0 or dropped; in time order 7, 5, 9");
    }

    [Test]
    public void The_label_mapping_sends_each_machine_to_its_own_node()
    {
        var cluster = new Cluster.SimulatedCluster(seed: 1, recordEvents: false);
        foreach (var machine in new[] { 42, 7 })
        {
            cluster.AddNode($"machine-{machine}", Cluster.Resources.ResourceList.Builder().Cpu(4000).Memory(8L << 30).Pods(110).Build(), new Dictionary<string, string> { ["sim.trace-machine"] = machine.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        var injector = new FaultInjector(cluster,
        [
            new ServerEventReplayFault
            {
                Name = "trace",
                Mapping = MachineMapping.Label,
                Events = [E(100, 42, MachineEventKind.SoftError), E(200, 7, MachineEventKind.HardError), E(300, 99, MachineEventKind.HardError)],
            },
        ]);
        injector.Start();

        cluster.Simulation.RunUntil(SimTime.FromSeconds(1000));

        Assert.That(injector.Log.Where(r => r.IsDown).Select(r => r.Node), Is.EqualTo(new[] { "machine-42", "machine-7" }), "machine 99 has no node");
    }

    [Test]
    public void The_window_end_drops_later_events()
    {
        var cluster = TestClusters.Nodes(1);
        var injector = new FaultInjector(cluster,
        [
            new ServerEventReplayFault { Name = "trace", To = TimeSpan.FromSeconds(500), Events = [E(100, 1, MachineEventKind.SoftError), E(600, 1, MachineEventKind.SoftError)] },
        ]);
        injector.Start();

        cluster.Simulation.RunUntil(SimTime.FromSeconds(3600));

        Assert.That(injector.Crashes, Is.EqualTo(1));
    }
}
