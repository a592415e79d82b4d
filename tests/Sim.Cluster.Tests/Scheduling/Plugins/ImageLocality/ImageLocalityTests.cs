using System.Security.Cryptography;
using System.Text;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Cluster.Tests.Scheduling.Plugins.Helper;
using Sim.Scheduling;
using ImageLocalityPlugin = Sim.Scheduling.Plugins.ImageLocality.ImageLocality;

namespace Sim.Cluster.Tests.Scheduling.Plugins.ImageLocality;

/// <summary>
/// Upstream's table tests of the ImageLocality plugin, ported from
/// <c>pkg/scheduler/framework/plugins/imagelocality/image_locality_test.go</c> (TestImageLocalityPriority,
/// TestNormalizedImageName): every case.
/// </summary>
/// <remarks>
/// An upstream node image has several names; Sim's model lists one name per entry, so each name is an
/// entry of the same size. Upstream calls Score alone; each case here is scored both that way and after
/// Sim's PreScore, and both must give upstream's scores.
/// </remarks>
public class ImageLocalityTests
{
    private const long Mb = 1024 * 1024;

    private static readonly (string, long)[] Node403002000 =
    [
        ("gcr.io/40:latest", 40 * Mb), ("gcr.io/40:v1", 40 * Mb), ("gcr.io/40:v1", 40 * Mb),
        ("gcr.io/300:latest", 300 * Mb), ("gcr.io/300:v1", 300 * Mb),
        ("gcr.io/2000:latest", 2000 * Mb),
    ];

    private static readonly (string, long)[] Node25010 = [("gcr.io/250:latest", 250 * Mb), ("gcr.io/10:latest", 10 * Mb), ("gcr.io/10:v1", 10 * Mb)];
    private static readonly (string, long)[] Node60040900 = [("gcr.io/600:latest", 600 * Mb), ("gcr.io/40:latest", 40 * Mb), ("gcr.io/900:latest", 900 * Mb)];
    private static readonly (string, long)[] Node300600900 = [("gcr.io/300:latest", 300 * Mb), ("gcr.io/600:latest", 600 * Mb), ("gcr.io/900:latest", 900 * Mb)];
    private static readonly (string, long)[] Node400030 = [("gcr.io/4000:latest", 4000 * Mb), ("gcr.io/30:latest", 30 * Mb)];
    private static readonly (string, long)[] Node203040 = [("gcr.io/20:latest", 20 * Mb), ("gcr.io/30:latest", 30 * Mb), ("gcr.io/40:latest", 40 * Mb)];
    private static readonly (string, long)[] NodeWithNoImages = [];

    private static readonly TestCaseData[] Cases =
    [
        new TestCaseData(
            PodWith(["gcr.io/40", "gcr.io/250"]),
            new[] { MakeImageNode("node1", Node403002000), MakeImageNode("node2", Node25010) },
            new[] { new NodeScore("node1", 0), new NodeScore("node2", 5) })
            .SetName("two images spread on two nodes, prefer the larger image one"),
        new TestCaseData(
            PodWith(["gcr.io/40", "gcr.io/300"]),
            new[] { MakeImageNode("node1", Node403002000), MakeImageNode("node2", Node25010) },
            new[] { new NodeScore("node1", 7), new NodeScore("node2", 0) })
            .SetName("two images on one node, prefer this node"),
        new TestCaseData(
            PodWith(["gcr.io/10", "gcr.io/4000"]),
            new[] { MakeImageNode("node1", Node400030), MakeImageNode("node2", Node25010) },
            new[] { new NodeScore("node1", 100), new NodeScore("node2", 0) })
            .SetName("if exceed limit, use limit"),
        new TestCaseData(
            PodWith(["gcr.io/10", "gcr.io/4000"]),
            new[] { MakeImageNode("node1", Node400030), MakeImageNode("node2", Node25010), MakeImageNode("node3", NodeWithNoImages) },
            new[] { new NodeScore("node1", 66), new NodeScore("node2", 0), new NodeScore("node3", 0) })
            .SetName("if exceed limit, use limit (with node which has no images present)"),
        new TestCaseData(
            PodWith(["gcr.io/300", "gcr.io/600", "gcr.io/900"]),
            new[] { MakeImageNode("node1", Node60040900), MakeImageNode("node2", Node300600900), MakeImageNode("node3", NodeWithNoImages) },
            new[] { new NodeScore("node1", 32), new NodeScore("node2", 36), new NodeScore("node3", 0) })
            .SetName("pod with multiple large images, node2 is preferred"),
        new TestCaseData(
            PodWith(["gcr.io/30", "gcr.io/40"]),
            new[] { MakeImageNode("node1", Node203040), MakeImageNode("node2", Node400030) },
            new[] { new NodeScore("node1", 1), new NodeScore("node2", 0) })
            .SetName("pod with multiple small images"),
        new TestCaseData(
            PodWith(["gcr.io/30"], ["gcr.io/300"]),
            new[] { MakeImageNode("node1", Node403002000), MakeImageNode("node2", Node203040) },
            new[] { new NodeScore("node1", 6), new NodeScore("node2", 0) })
            .SetName("include InitContainers: two images spread on two nodes, prefer the larger image one"),
    ];

    private static readonly TestCaseData[] NameCases =
    [
        new TestCaseData("root", "root:latest").SetName("add :latest postfix 1"),
        new TestCaseData("gcr.io:5000/root", "gcr.io:5000/root:latest").SetName("add :latest postfix 2"),
        new TestCaseData("root:tag", "root:tag").SetName("keep it as is 1"),
        new TestCaseData("root@" + FakeDigest("root"), "root@" + FakeDigest("root")).SetName("keep it as is 2"),
    ];

    [TestCaseSource(nameof(Cases))]
    public void TestImageLocalityPriority(Pod pod, Node[] nodes, NodeScore[] expected)
    {
        var snapshot = Snapshot.Create(nodes);
        var plugin = new ImageLocalityPlugin(new FrameworkHandle(snapshot));
        var podInfo = new PodInfo(pod);
        var infos = nodes.Select(n => snapshot.Get(n.Metadata.Name)!).ToArray();

        var withoutPreScore = new CycleState();
        var scoredAlone = infos.Select(n => new NodeScore(n.Name, plugin.Score(withoutPreScore, podInfo, n))).ToArray();
        var withPreScore = new CycleState();
        Assert.That(plugin.PreScore(withPreScore, podInfo, infos), Is.EqualTo(Status.Success));
        var scoredAfterPreScore = infos.Select(n => new NodeScore(n.Name, plugin.Score(withPreScore, podInfo, n))).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(scoredAlone, Is.EqualTo(expected), "Score alone");
            Assert.That(scoredAfterPreScore, Is.EqualTo(expected), "Score after PreScore");
        });
    }

    [TestCaseSource(nameof(NameCases))]
    public void TestNormalizedImageName(string input, string output) =>
        Assert.That(ImageStateSummary.Normalize(input), Is.EqualTo(output));

    [Test]
    public void Score_allocates_nothing_after_PreScore()
    {
        var nodes = new[] { MakeImageNode("node1", Node403002000), MakeImageNode("node2", Node25010) };
        var snapshot = Snapshot.Create(nodes);
        var plugin = new ImageLocalityPlugin(new FrameworkHandle(snapshot));
        var pod = new PodInfo(PodWith(["gcr.io/40", "gcr.io/300"], ["gcr.io/250"]));
        var node = snapshot.Get("node1")!;
        var state = new CycleState();
        plugin.PreScore(state, pod, snapshot.NodeInfos);

        Assert.That(Allocations.Of(() => plugin.Score(state, pod, node)), Is.Zero);
    }

    private static Pod PodWith(string[] images, string[]? initImages = null) => new()
    {
        Metadata = new ObjectMeta { Name = "pod", Namespace = "default" },
        Spec = new PodSpec
        {
            Containers = [.. images.Select((image, i) => new Container($"c{i}", ResourceList.Empty, Image: image))],
            InitContainers = [.. (initImages ?? []).Select((image, i) => new Container($"init{i}", ResourceList.Empty, Image: image))],
        },
    };

    private static Node MakeImageNode(string name, (string Name, long Size)[] images) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Status = new NodeStatus { Images = [.. images.Select(i => new ContainerImage(i.Name, i.Size))] },
    };

    private static string FakeDigest(string content) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
