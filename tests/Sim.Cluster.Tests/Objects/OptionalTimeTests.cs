using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Cluster.Tests.Objects;

/// <summary>The optional times of pods and statuses, kept in 8 bytes each behind their nullable properties.</summary>
public class OptionalTimeTests
{
    [Test]
    public void Unset_times_read_as_null()
    {
        var status = new PodStatus();
        var pod = new Pod { Metadata = new ObjectMeta { Name = "p" } };

        Assert.Multiple(() =>
        {
            Assert.That(status.ScheduledAt, Is.Null);
            Assert.That(status.InitializedAt, Is.Null);
            Assert.That(status.ReadySince, Is.Null);
            Assert.That(status.StartedAt, Is.Null);
            Assert.That(status.FinishedAt, Is.Null);
            Assert.That(status.IsReady, Is.False);
            Assert.That(pod.DeletionRequestedAt, Is.Null);
            Assert.That(pod.IsActive, Is.True);
        });
    }

    [Test]
    public void Times_including_zero_read_back_and_take_part_in_equality()
    {
        var zero = SimTime.Zero;
        var later = SimTime.FromSeconds(5);
        var status = new PodStatus { ScheduledAt = zero, InitializedAt = later, ReadySince = zero, StartedAt = later, FinishedAt = zero };
        var pod = new Pod { Metadata = new ObjectMeta { Name = "p" }, DeletionRequestedAt = zero };

        Assert.Multiple(() =>
        {
            Assert.That(status.ScheduledAt, Is.EqualTo(zero));
            Assert.That(status.InitializedAt, Is.EqualTo(later));
            Assert.That(status.ReadySince, Is.EqualTo(zero));
            Assert.That(status.StartedAt, Is.EqualTo(later));
            Assert.That(status.FinishedAt, Is.EqualTo(zero));
            Assert.That(status.IsReady, Is.True, "ready since time zero");
            Assert.That(pod.DeletionRequestedAt, Is.EqualTo(zero));
            Assert.That(pod.IsActive, Is.False, "deletion requested at time zero");
            Assert.That(status with { }, Is.EqualTo(status));
            Assert.That(status with { ReadySince = null }, Is.Not.EqualTo(status));
            Assert.That((status with { ReadySince = null }).ReadySince, Is.Null);
            Assert.That(status with { FinishedAt = later }, Is.Not.EqualTo(status));
            Assert.That(pod with { DeletionRequestedAt = null }, Is.Not.EqualTo(pod));
        });
    }
}
