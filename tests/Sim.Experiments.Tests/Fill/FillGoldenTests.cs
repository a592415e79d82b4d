using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sim.Experiments.Fill;
using Sim.Scheduling.Policies;
using static Sim.Experiments.Tests.Fill.FillTestObjects;

namespace Sim.Experiments.Tests.Fill;

/// <summary>
/// Every decision of fill runs against copies saved in Fill/Golden: for each run, a SHA-256 of its full
/// arrival record (pod, node, devices, arrived and used GPU, fragmentation to the last bit, failures), its
/// node order and the empty cluster's fragmentation, next to its readable totals. Speed work on the
/// scheduler, the GPU plugins or the experiment must leave these unchanged; when a change of decisions is
/// intended, regenerate the copies with SIM_UPDATE_GOLDEN=1 and review the diff in the commit.
/// </summary>
public class FillGoldenTests
{
    private static readonly string[] GpuPolicies = ["fgd-random", "fgd-dotprod", "gpu-clustering", "gpu-packing", "gpu-best-fit", "fgd"];

    [Test]
    public void Runs_on_a_mixed_cluster_make_the_saved_decisions()
    {
        var (nodes, pods) = MixedCluster();
        var lines = new List<string>();
        foreach (var name in GpuPolicies)
        {
            for (ulong seed = 1; seed <= 3; seed++)
            {
                foreach (var ties in new[] { FillTieBreaking.Uniform, FillTieBreaking.FirstInSearchOrder })
                {
                    lines.Add(Line(name, seed, ties, FillExperiment.Run(nodes, pods, Get(name), new FillOptions { Seed = seed, TieBreaking = ties })));
                }
            }
        }

        Compare("fill-mixed.txt", lines);
    }

    [Test]
    public void Runs_on_the_openb_trace_make_the_saved_decisions()
    {
        var (nodes, pods) = OpenbFillTests.Load();
        var runs = GpuPolicies.Select(name => (Policy: name, Seed: 42UL, Ties: FillTieBreaking.Uniform)).Append((Policy: "fgd", Seed: 43UL, Ties: FillTieBreaking.FirstInSearchOrder));
        var lines = runs.AsParallel().AsOrdered()
            .Select(r => Line(r.Policy, r.Seed, r.Ties, FillExperiment.Run(nodes, pods, Get(r.Policy), new FillOptions { Seed = r.Seed, TieBreaking = r.Ties })))
            .ToList();

        Compare("fill-openb.txt", lines);
    }

    /// <summary>
    /// 60 nodes of 0, 1, 2, 4 or 8 GPUs of three models and 3 CPU sizes; 240 pods: CPU-only, shares of
    /// 100–900 milli-GPU, 1, 2, 4 and 8 whole GPUs, some restricted to models.
    /// </summary>
    private static (Sim.Cluster.Objects.Node[] Nodes, Sim.Cluster.Objects.Pod[] Pods) MixedCluster()
    {
        int[] gpus = [8, 4, 2, 1, 8, 0, 4, 2, 8, 1];
        string[] models = ["G2", "T4", "V100M16"];
        var nodes = Enumerable.Range(0, 60)
            .Select(i => Node($"n{i:D2}", 32_000 * (1 + (i % 3)), gpus[i % gpus.Length], models[i / 7 % 3]))
            .ToArray();
        var pods = Enumerable.Range(0, 240).Select(i =>
        {
            var cpu = 1000L * (1 + (i * 7 % 16));
            return (i % 9) switch
            {
                0 => Pod($"p{i:D3}", cpu),
                1 or 2 or 3 or 4 => Pod($"p{i:D3}", cpu, 1, 100 * (1 + (i * 5 % 9))),
                5 or 6 => Pod($"p{i:D3}", cpu, 1, 1000),
                7 => Pod($"p{i:D3}", cpu, 2 << (i % 2), 1000),
                _ => i % 2 == 0
                    ? GpuPod($"p{i:D3}", cpu, 1, 500, "T4|V100M16")
                    : GpuPod($"p{i:D3}", cpu * 2, 8, 1000, "G2"),
            };
        }).ToArray();
        return (nodes, pods);
    }

    private static Sim.Cluster.Objects.Pod GpuPod(string name, long cpu, int count, int milli, string models) =>
        Sim.Cluster.Gpu.GpuObjects.CreatePod(name, cpu, 1L << 30, count, milli, models);

    private static Policy Get(string name) => PolicyCatalogue.TryGet(name, out var policy) ? policy : throw new ArgumentException(name);

    private static string Line(string policy, ulong seed, FillTieBreaking ties, FillResult result)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', result.NodeOrder));
        text.AppendLine(result.InitialFragmentedGpuMilli.ToString("R", CultureInfo.InvariantCulture));
        foreach (var a in result.Arrivals)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{a.Index} {a.Pod} {a.Node ?? "-"} {a.Devices} {a.ArrivedGpuMilli} {a.UsedGpuMilli} {a.FragmentedGpuMilli:R} {a.FailedPods}"));
        }

        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        var final = result.Final!;
        return string.Create(CultureInfo.InvariantCulture,
            $"{policy} seed={seed} ties={ties} arrivals={result.Arrivals.Length} placed={result.Arrivals.Count(a => a.Node is not null)} failed={final.FailedPods} used={final.UsedGpuMilli} fragmented={final.FragmentedGpuMilli:R} sha256={digest}");
    }

    private static void Compare(string file, List<string> lines)
    {
        var golden = Path.Combine(RepositoryRoot(), "tests", "Sim.Experiments.Tests", "Fill", "Golden", file);
        if (Environment.GetEnvironmentVariable("SIM_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllLines(golden, lines);
            Assert.Ignore("golden copy rewritten; review and commit it");
        }

        Assert.That(lines, Is.EqualTo(File.ReadAllLines(golden)));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sim.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Sim.sln not found above the test directory.");
    }
}
