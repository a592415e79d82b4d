using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Sim.Experiments.Fill;
using Sim.Scheduling.Policies;

namespace Sim.Benchmarks;

/// <summary>
/// The fill experiment's grid, timed: every GPU policy of the FGD paper × seeds on the openb default
/// trace (<see cref="OpenbData"/>), the runs spread over worker threads, as an experiment
/// over policies and seeds would run them. Prints each run's time and the grid's wall time.
/// </summary>
/// <remarks>
/// Usage: <c>dotnet run -c Release -- fill-grid [--seeds K] [--first-seed S] [--workers W] [--policies a,b] [--repeat R]</c>
/// (defaults: 10 seeds from 42, 2 workers, the six GPU policies, 1 repetition). One run with one worker,
/// <c>fill-grid --seeds 1 --workers 1 --policies fgd</c>, is also the host to profile a run with.
/// </remarks>
internal static class FillGrid
{
    /// <summary>The six GPU-sharing policies of the FGD paper, in the catalogue's order.</summary>
    public static readonly string[] GpuPolicies = ["fgd-random", "fgd-dotprod", "gpu-clustering", "gpu-packing", "gpu-best-fit", "fgd"];

    public static int Run(string[] args)
    {
        var seeds = 10;
        var firstSeed = 42UL;
        var workers = 2;
        var repeat = 1;
        var policies = GpuPolicies;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--seeds":
                    seeds = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--first-seed":
                    firstSeed = ulong.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--workers":
                    workers = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--policies":
                    policies = args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    break;
                case "--repeat":
                    repeat = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}");
                    return 2;
            }
        }

        var (nodes, pods) = OpenbData.ReadDefault();
        var runs = new List<(Policy Policy, ulong Seed)>();
        foreach (var name in policies)
        {
            if (!PolicyCatalogue.TryGet(name, out var policy))
            {
                Console.Error.WriteLine($"unknown policy {name}");
                return 2;
            }

            for (var s = 0; s < seeds; s++)
            {
                runs.Add((policy, firstSeed + (ulong)s));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{nodes.Count:N0} nodes, {pods.Count:N0} pods; {policies.Length} policies × {seeds} seeds = {runs.Count} runs on {workers} workers ({Environment.ProcessorCount} cores)"));
        for (var r = 0; r < repeat; r++)
        {
            var times = new ConcurrentDictionary<(string, ulong), (double Seconds, int Arrivals, int Failed)>();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
            var clock = Stopwatch.StartNew();
            Parallel.ForEach(
                runs,
                new ParallelOptions { MaxDegreeOfParallelism = workers },
                run =>
                {
                    var started = Stopwatch.GetTimestamp();
                    var result = FillExperiment.Run(nodes, pods, run.Policy, new FillOptions { Seed = run.Seed });
                    times[(run.Policy.Name, run.Seed)] = (Stopwatch.GetElapsedTime(started).TotalSeconds, result.Arrivals.Length, result.Final!.FailedPods);
                });
            var wall = clock.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var megabytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6;
            foreach (var name in policies)
            {
                var own = times.Where(t => t.Key.Item1 == name).Select(t => t.Value).ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {name,-15} runs {own.Count}: {own.Min(t => t.Seconds):F2}–{own.Max(t => t.Seconds):F2} s per run (mean {own.Average(t => t.Seconds):F2}); {own[0].Arrivals:N0} arrivals, failed {own.Min(t => t.Failed)}–{own.Max(t => t.Failed)}"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"grid {r + 1}: {runs.Count} runs in {wall:F1} s wall ({times.Values.Sum(t => t.Seconds):F1} s of runs, {cpuSeconds:F1} s CPU time of the process; {megabytes / runs.Count:F0} MB allocated per run; collections {GC.CollectionCount(0) - collections[0]}/{GC.CollectionCount(1) - collections[1]}/{GC.CollectionCount(2) - collections[2]}, paused {GC.GetTotalPauseDuration().TotalSeconds:F2} s in all)"));
        }

        return 0;
    }
}
