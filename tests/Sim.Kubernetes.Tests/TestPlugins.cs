using System.Collections.Immutable;
using Sim.Scheduling;

namespace Sim.Kubernetes.Tests;

/// <summary>A score plugin with args, registered under <c>TestScore</c>, for the config reader's tests.</summary>
internal sealed class TestScore(TestScoreArgs args) : IScorePlugin
{
    public const string PluginName = "TestScore";

    public TestScoreArgs Args { get; } = args;

    public string Name => PluginName;

    public long Score(CycleState state, PodInfo pod, NodeInfo node) => Args.Bonus;

    public static PluginRegistry Registry()
    {
        var registry = PluginRegistry.CreateDefault();
        registry.Register<TestScoreArgs>(PluginName, (args, _) => new TestScore(args ?? new()));
        return registry;
    }
}

/// <summary>How <see cref="TestScore"/> scores.</summary>
public enum TestMode
{
    Fast,
    Careful,
}

/// <summary>A weighted resource, as in upstream's args.</summary>
public sealed record TestResource
{
    public string Name { get; init; } = string.Empty;

    public int Weight { get; init; } = 1;
}

/// <summary>Args in the shape upstream's have: defaults, an enum, a nested list and a Validate method.</summary>
public sealed record TestScoreArgs
{
    public int Bonus { get; init; } = 10;

    public TestMode Mode { get; init; } = TestMode.Fast;

    public ImmutableArray<TestResource> Resources { get; init; } = [new() { Name = "cpu" }];

    public IReadOnlyList<string> Validate(string path)
    {
        var problems = new List<string>();
        for (var i = 0; i < Resources.Length; i++)
        {
            if (Resources[i].Weight is < 1 or > 100)
            {
                problems.Add($"{path}.resources[{i}].weight: Invalid value: {Resources[i].Weight}: must be in the range [1, 100]");
            }
        }

        return problems;
    }
}
