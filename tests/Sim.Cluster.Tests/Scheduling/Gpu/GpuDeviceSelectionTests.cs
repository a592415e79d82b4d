using Sim.Cluster.Gpu;
using Sim.Engine.Randomness;
using Sim.Scheduling.Gpu;

namespace Sim.Cluster.Tests.Scheduling.Gpu;

public class GpuDeviceSelectionTests
{
    private static readonly int[] Free = [300, 1000, 500, 300, 1000];

    private static int[] Chosen(Func<int[], int> select)
    {
        var devices = new int[8];
        var count = select(devices);
        return devices[..count];
    }

    [Test]
    public void Best_fit_takes_the_tightest_device_and_the_lowest_index_among_equals()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Chosen(d => GpuDeviceSelection.BestFit(Free, new GpuRequest(1, 300, string.Empty), d)), Is.EqualTo(new[] { 0 }));
            Assert.That(Chosen(d => GpuDeviceSelection.BestFit(Free, new GpuRequest(1, 400, string.Empty), d)), Is.EqualTo(new[] { 2 }));
            Assert.That(Chosen(d => GpuDeviceSelection.BestFit(Free, new GpuRequest(1, 600, string.Empty), d)), Is.EqualTo(new[] { 1 }));
            Assert.That(Chosen(d => GpuDeviceSelection.OpenGpuShare(Free, new GpuRequest(1, 400, string.Empty), d)), Is.EqualTo(new[] { 2 }));
        });
    }

    [Test]
    public void Worst_fit_takes_the_roomiest_device()
    {
        Assert.That(Chosen(d => GpuDeviceSelection.WorstFit(Free, new GpuRequest(1, 300, string.Empty), d)), Is.EqualTo(new[] { 1 }));
        Assert.That(Chosen(d => GpuDeviceSelection.WorstFit(Free, new GpuRequest(1, 600, string.Empty), d)), Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public void Whole_gpus_go_to_the_lowest_idle_devices_under_every_rule()
    {
        var random = new RandomStreams(1).For("devices");
        var two = new GpuRequest(2, 1000, string.Empty);
        var three = new GpuRequest(3, 1000, string.Empty);

        Assert.Multiple(() =>
        {
            Assert.That(Chosen(d => GpuDeviceSelection.BestFit(Free, two, d)), Is.EqualTo(new[] { 1, 4 }));
            Assert.That(Chosen(d => GpuDeviceSelection.WorstFit(Free, two, d)), Is.EqualTo(new[] { 1, 4 }));
            Assert.That(Chosen(d => GpuDeviceSelection.Random(Free, two, d, random)), Is.EqualTo(new[] { 1, 4 }));
            Assert.That(Chosen(d => GpuDeviceSelection.OpenGpuShare(Free, two, d)), Is.EqualTo(new[] { 1, 4 }));
            Assert.That(Chosen(d => GpuDeviceSelection.BestFit(Free, new GpuRequest(1, 1000, string.Empty), d)), Is.EqualTo(new[] { 1 }));
            Assert.That(Chosen(d => GpuDeviceSelection.BestFit(Free, three, d)), Is.Empty, "only two idle devices");
            Assert.That(GpuDeviceSelection.Fits(Free, two), Is.True);
            Assert.That(GpuDeviceSelection.Fits(Free, three), Is.False);
            Assert.That(GpuDeviceSelection.Fits(Free, new GpuRequest(1, 1000, string.Empty)), Is.True);
            Assert.That(GpuDeviceSelection.Fits([999, 999], new GpuRequest(1, 1000, string.Empty)), Is.False);
            Assert.That(GpuDeviceSelection.Fits([], new GpuRequest(1, 1, string.Empty)), Is.False);
        });
    }

    [Test]
    public void Random_picks_every_device_that_fits_about_equally_and_no_other()
    {
        var random = new RandomStreams(7).For("devices");
        var counts = new int[Free.Length];
        for (var i = 0; i < 3000; i++)
        {
            counts[Chosen(d => GpuDeviceSelection.Random(Free, new GpuRequest(1, 400, string.Empty), d, random))[0]]++;
        }

        // Devices 1, 2 and 4 hold 400; each should get a third of 3000 (sd ≈ 26).
        Assert.That(counts[0] + counts[3], Is.Zero);
        Assert.That(new[] { counts[1], counts[2], counts[4] }, Has.All.InRange(880, 1120));
    }
}
