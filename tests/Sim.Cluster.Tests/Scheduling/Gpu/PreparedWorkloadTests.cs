using Sim.Scheduling.Gpu;

namespace Sim.Cluster.Tests.Scheduling.Gpu;

/// <summary>F_n(M) over a prepared workload is the plain computation's, to the last bit.</summary>
public class PreparedWorkloadTests
{
    private static readonly string[] Models = [string.Empty, "G2", "T4", "V100M16"];
    private static readonly string[] Types = [string.Empty, string.Empty, string.Empty, "G2", "T4|V100M16", "V100M16|G2|", "P100"];

    [Test]
    public void The_prepared_fragmentation_equals_the_plain_one_bit_for_bit()
    {
        var random = new Random(2023);
        var compared = 0;
        for (var w = 0; w < 40; w++)
        {
            var workload = Workload(random);
            var prepared = new PreparedWorkload(workload);
            for (var n = 0; n < 200; n++)
            {
                // 0 to 10 devices: up to 8 take the vector path, more the plain one.
                var free = Enumerable.Range(0, random.Next(11)).Select(_ => random.Next(5) == 0 ? 1000 : random.Next(-2, 101) * 10).ToArray();
                var cpuLeft = random.Next(-4, 97) * 1000L + random.Next(3) * 500;
                var model = Models[random.Next(Models.Length)];

                var plain = Fragmentation.OfNode(cpuLeft, free, model, workload);
                var fast = prepared.OfNode(cpuLeft, free, model);

                Assert.That(BitConverter.DoubleToInt64Bits(fast), Is.EqualTo(BitConverter.DoubleToInt64Bits(plain)), $"workload {w}, node {n}: cpu {cpuLeft}, free [{string.Join(", ", free)}], model \"{model}\"");
                compared++;
            }
        }

        Assert.That(compared, Is.EqualTo(8000));
    }

    [Test]
    public void Tasks_with_a_probability_outside_0_to_1_are_skipped_as_in_the_plain_computation()
    {
        TypicalPod[] workload = [new(1000, 500, 1, string.Empty, 0.7), new(1000, 0, 0, string.Empty, 1.5), new(1000, 1000, 2, string.Empty, -0.2)];
        int[] free = [1000, 300];

        var fast = new PreparedWorkload(workload).OfNode(4000, free, "G2");

        Assert.That(fast, Is.EqualTo(Fragmentation.OfNode(4000, free, "G2", workload)));
        Assert.That(fast, Is.EqualTo(0.7 * 300).Within(1e-9), "only the 500 share counts: the 300 device is too small for it");
    }

    /// <summary>1 to 40 tasks of every kind (CPU-only, shares, whole GPUs, model lists), probabilities that are not round.</summary>
    private static TypicalPod[] Workload(Random random)
    {
        var tasks = new TypicalPod[random.Next(1, 41)];
        var weights = tasks.Select(_ => random.NextDouble() + 0.01).ToArray();
        var total = weights.Sum();
        for (var i = 0; i < tasks.Length; i++)
        {
            var kind = random.Next(4);
            var (milli, count) = kind switch
            {
                0 => (0, 0),
                1 => (random.Next(1, 100) * 10, 1),
                _ => (1000, 1 << random.Next(4)),
            };
            tasks[i] = new TypicalPod(random.Next(0, 65) * 1000L, milli, count, Types[random.Next(Types.Length)], weights[i] / total);
        }

        return tasks;
    }
}
