using Sim.Scheduling.Gpu;
using static Sim.Scheduling.Gpu.Fragmentation;

namespace Sim.Cluster.Tests.Scheduling.Gpu;

/// <summary>F_n(m) and F_n(M) (fgd-method.md §5) on a node with 8 cores left and devices of 1000, 500, 200 and 0 free (idle 1700).</summary>
public class FragmentationTests
{
    private const long Cpu = 8000;
    private static readonly int[] Free = [1000, 500, 200, 0];

    private static IEnumerable<TestCaseData> Tasks()
    {
        yield return new TestCaseData(new TypicalPod(4000, 300, 1, string.Empty, 1), Outcome.Satisfied, 200L).SetName("a 300 share fits: only 200 and 0 are too small");
        yield return new TestCaseData(new TypicalPod(4000, 1000, 1, string.Empty, 1), Outcome.Satisfied, 700L).SetName("one whole GPU fits: 500, 200 and 0 are too small");
        yield return new TestCaseData(new TypicalPod(4000, 1000, 2, string.Empty, 1), Outcome.LackGpu, 1700L).SetName("two whole GPUs do not fit: all idle GPU is fragment");
        yield return new TestCaseData(new TypicalPod(16_000, 1000, 2, string.Empty, 1), Outcome.LackBoth, 1700L).SetName("neither CPU nor GPUs suffice");
        yield return new TestCaseData(new TypicalPod(16_000, 300, 1, string.Empty, 1), Outcome.LackCpu, 1700L).SetName("a share lacking CPU");
        yield return new TestCaseData(new TypicalPod(2000, 0, 0, string.Empty, 1), Outcome.CpuTaskSatisfied, 1700L).SetName("a CPU-only task that fits still leaves all GPU fragmented");
        yield return new TestCaseData(new TypicalPod(9000, 0, 0, string.Empty, 1), Outcome.CpuTaskLackCpu, 1700L).SetName("a CPU-only task that does not fit");
        yield return new TestCaseData(new TypicalPod(1000, 300, 1, "T4|P100", 1), Outcome.NoAccess, 1700L).SetName("a task for other models");
        yield return new TestCaseData(new TypicalPod(1000, 300, 1, "T4|G2", 1), Outcome.Satisfied, 200L).SetName("a task naming the node's model among others");
    }

    [TestCaseSource(nameof(Tasks))]
    public void A_task_is_classified_and_its_fragment_counted(TypicalPod task, Outcome outcome, long fragment)
    {
        Assert.That(Classify(Cpu, Free, "G2", task), Is.EqualTo(outcome));
        Assert.That(OfTask(Cpu, Free, "G2", task), Is.EqualTo(fragment));
    }

    [Test]
    public void The_node_fragmentation_is_the_probability_weighted_sum()
    {
        TypicalPod[] workload =
        [
            new(4000, 300, 1, string.Empty, 0.5),
            new(4000, 1000, 1, string.Empty, 0.25),
            new(4000, 1000, 2, string.Empty, 0.25),
        ];

        // 0.5 × 200 + 0.25 × 700 + 0.25 × 1700 = 100 + 175 + 425
        Assert.That(OfNode(Cpu, Free, "G2", workload), Is.EqualTo(700.0));
    }

    [Test]
    public void Tasks_with_a_probability_outside_0_to_1_are_skipped_and_a_node_without_gpus_has_none()
    {
        TypicalPod[] workload = [new(4000, 300, 1, string.Empty, 1.5), new(4000, 1000, 2, string.Empty, 0.5)];

        Assert.That(OfNode(Cpu, Free, "G2", workload), Is.EqualTo(850.0));
        Assert.That(OfNode(Cpu, [], string.Empty, workload), Is.Zero);
    }
}
