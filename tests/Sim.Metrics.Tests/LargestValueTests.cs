namespace Sim.Metrics.Tests;

public class LargestValueTests
{
    [Test]
    public void The_largest_follows_adds_and_removes_of_repeated_amounts()
    {
        var largest = new LargestValue();
        Assert.That(largest.Max, Is.Zero, "empty");
        largest.Add(4);
        largest.Add(8);
        largest.Add(8);
        largest.Add(2);
        var afterAdds = largest.Max;
        largest.Remove(8);
        var oneEightLeft = largest.Max;
        largest.Remove(8);
        var noEightLeft = largest.Max;
        largest.Remove(4);
        largest.Remove(2);

        Assert.Multiple(() =>
        {
            Assert.That(afterAdds, Is.EqualTo(8));
            Assert.That(oneEightLeft, Is.EqualTo(8));
            Assert.That(noEightLeft, Is.EqualTo(4));
            Assert.That(largest.Max, Is.Zero);
        });
    }
}
