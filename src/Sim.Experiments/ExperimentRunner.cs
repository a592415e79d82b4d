namespace Sim.Experiments;

/// <summary>
/// Runs a plan's simulations, several at once, and returns the results in grid order: each run is
/// independent and single-threaded, so the results are the same whatever the parallelism.
/// </summary>
public static class ExperimentRunner
{
    /// <summary>
    /// Runs every run of <paramref name="plan"/> on up to <paramref name="parallelism"/> threads.
    /// <paramref name="progress"/> is called after each run (from the worker thread that ran it).
    /// A run that throws stops the remaining ones and the exception is rethrown.
    /// </summary>
    public static IReadOnlyList<RunResult> Run(ExperimentPlan plan, int parallelism, Action<RunResult>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var results = new RunResult[plan.Runs.Length];
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellation };
        Parallel.For(0, results.Length, options, i =>
        {
            var result = RunExecutor.Execute(plan.Runs[i]);
            results[i] = result;
            progress?.Invoke(result);
        });
        return results;
    }
}
