using System.Collections.Immutable;
using Sim.Experiments.Scenarios;

namespace Sim.Experiments;

/// <summary>One simulation: a scenario variant under one policy with one seed.</summary>
/// <param name="Index">The run's place in the whole grid (from 0): variants, then policies, then seeds.</param>
/// <param name="Scenario">The scenario variant.</param>
/// <param name="Policy">The policy.</param>
/// <param name="Seed">The seed.</param>
public sealed record RunSpec(int Index, Scenario Scenario, PolicySpec Policy, ulong Seed);

/// <summary>
/// The grid of runs of a scenario file: every variant × every policy × every seed, in that order,
/// numbered from 0, and the slice of it one shard runs.
/// </summary>
public sealed class ExperimentPlan
{
    private ExperimentPlan(ImmutableArray<Scenario> variants, ImmutableArray<RunSpec> all, Shard shard)
    {
        Variants = variants;
        Shard = shard;
        TotalRuns = all.Length;
        Runs = [.. all.Where(r => shard.Contains(r.Index))];
    }

    /// <summary>The scenario variants, in order.</summary>
    public ImmutableArray<Scenario> Variants { get; }

    /// <summary>The runs of this shard, in grid order.</summary>
    public ImmutableArray<RunSpec> Runs { get; }

    /// <summary>Runs in the whole grid.</summary>
    public int TotalRuns { get; }

    /// <summary>The slice this plan runs.</summary>
    public Shard Shard { get; }

    /// <summary>The grid of <paramref name="variants"/>, cut to <paramref name="shard"/> (the whole grid by default).</summary>
    public static ExperimentPlan Create(IEnumerable<Scenario> variants, Shard? shard = null)
    {
        ArgumentNullException.ThrowIfNull(variants);
        var list = variants.ToImmutableArray();
        var runs = ImmutableArray.CreateBuilder<RunSpec>();
        foreach (var scenario in list)
        {
            foreach (var policy in scenario.Policies)
            {
                foreach (var seed in scenario.Seeds)
                {
                    runs.Add(new RunSpec(runs.Count, scenario, policy, seed));
                }
            }
        }

        return new ExperimentPlan(list, runs.ToImmutable(), shard ?? Shard.Whole);
    }
}
