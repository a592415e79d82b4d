using Sim.Engine.Randomness;
using Sim.Tests.Shared;

namespace Sim.Engine.Tests;

/// <summary>
/// The README's engine example is this file's code: the test checks that the README shows it
/// verbatim, then runs it.
/// </summary>
public class ReadmeExampleTests
{
    [Test]
    public void The_readme_shows_this_example_verbatim()
    {
        Assert.Multiple(() =>
        {
            foreach (var name in new[] { "program", "node" })
            {
                var shown = ReadmeExamples.ReadmeBlock(name);
                var tested = ReadmeExamples.SourceRegion("tests/Sim.Engine.Tests/ReadmeExampleTests.cs", name);
                Assert.That(shown, Is.EqualTo(tested), $"README block '{name}'");
            }
        });
    }

    [Test]
    public void The_readme_example_runs()
    {
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            Program();
        }
        finally
        {
            Console.SetOut(console);
        }

        Assert.That(output.ToString(), Does.Match(@"^\d+ heartbeats by 60\.0000000s"));
    }

    private static void Program()
    {
        // readme:program
        var simulation = new Simulation();
        var streams = new RandomStreams(seed: 42);        // the only source of randomness in a run
        var node = new Node(simulation, streams.For("heartbeats"));
        node.Heartbeat();
        simulation.RunUntil(SimTime.FromSeconds(60));
        Console.WriteLine($"{node.Beats} heartbeats by {simulation.Now}");
        // readme:end
    }

    // readme:node
    internal sealed class Node(Simulation simulation, SimRandom random)
    {
        public int Beats { get; private set; }

        public void Heartbeat()
        {
            Beats++;
            // A static lambda and the component as state: nothing is allocated per event.
            simulation.ScheduleAfter(random.Exponential(TimeSpan.FromSeconds(10)), static n => n.Heartbeat(), this);
        }
    }
    // readme:end
}
