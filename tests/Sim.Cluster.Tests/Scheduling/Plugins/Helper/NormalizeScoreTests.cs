using Sim.Scheduling;
using Sim.Scheduling.Plugins.Helper;

namespace Sim.Cluster.Tests.Scheduling.Plugins.Helper;

/// <summary>
/// Upstream's TestDefaultNormalizeScore, ported from
/// <c>pkg/scheduler/framework/plugins/helper/normalize_score_test.go</c>: every case (upstream names them case_0…case_6).
/// </summary>
public class NormalizeScoreTests
{
    private static readonly TestCaseData[] Cases =
    [
        new TestCaseData(false, new long[] { 1, 2, 3, 4 }, new long[] { 25, 50, 75, 100 }).SetName("case_0"),
        new TestCaseData(true, new long[] { 1, 2, 3, 4 }, new long[] { 75, 50, 25, 0 }).SetName("case_1"),
        new TestCaseData(false, new long[] { 1000, 10, 20, 30 }, new long[] { 100, 1, 2, 3 }).SetName("case_2"),
        new TestCaseData(true, new long[] { 1000, 10, 20, 30 }, new long[] { 0, 99, 98, 97 }).SetName("case_3"),
        new TestCaseData(false, new long[] { 1, 1, 1, 1 }, new long[] { 100, 100, 100, 100 }).SetName("case_4"),
        new TestCaseData(false, new long[] { 1000, 1, 1, 1 }, new long[] { 100, 0, 0, 0 }).SetName("case_5"),
        new TestCaseData(true, new long[] { 0, 1, 1, 1 }, new long[] { 100, 0, 0, 0 }).SetName("case_6"),
    ];

    [TestCaseSource(nameof(Cases))]
    public void TestDefaultNormalizeScore(bool reverse, long[] scores, long[] expected)
    {
        var list = scores.Select(s => new NodeScore(string.Empty, s)).ToArray();

        Assert.That(NormalizeScore.Default(NormalizeScore.MaxNodeScore, reverse, list), Is.EqualTo(Status.Success));
        Assert.That(list.Select(s => s.Score), Is.EqualTo(expected));
    }

    [Test]
    public void All_zero_scores_stay_zero_unless_reversed()
    {
        var list = new[] { new NodeScore("a", 0), new NodeScore("b", 0) };

        NormalizeScore.Default(NormalizeScore.MaxNodeScore, reverse: false, list);

        Assert.That(list.Select(s => s.Score), Is.EqualTo(new long[] { 0, 0 }));
    }
}
