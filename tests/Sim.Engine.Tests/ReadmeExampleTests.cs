using System.Text.RegularExpressions;
using Sim.Engine.Randomness;

namespace Sim.Engine.Tests;

/// <summary>
/// The README's engine example is this file's code: the test checks that the README shows it
/// verbatim, then runs it.
/// </summary>
public partial class ReadmeExampleTests
{
    [Test]
    public void The_readme_shows_this_example_verbatim()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var source = File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "Sim.Engine.Tests", "ReadmeExampleTests.cs"));

        Assert.Multiple(() =>
        {
            foreach (var name in new[] { "program", "node" })
            {
                var shown = ReadmeBlock().Matches(readme).Single(m => m.Groups["name"].Value == name).Groups["code"].Value;
                var tested = SourceRegion().Matches(source).Single(m => m.Groups["name"].Value == name).Groups["code"].Value;
                Assert.That(Normalize(shown), Is.EqualTo(Normalize(tested)), $"README block '{name}'");
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

    private static string Normalize(string code) =>
        string.Join("\n", code.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sim.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Sim.sln not found above the test directory.");
    }

    [GeneratedRegex(@"<!-- readme-example: (?<name>\w+) -->\s*```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ReadmeBlock();

    [GeneratedRegex(@"// readme:(?<name>\w+)\n(?<code>.*?)// readme:end", RegexOptions.Singleline)]
    private static partial Regex SourceRegion();
}
