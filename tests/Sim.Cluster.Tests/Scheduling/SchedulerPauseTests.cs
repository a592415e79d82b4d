using Sim.Cluster.Objects;
using Sim.Cluster.Tests.Scenarios;
using Sim.Engine;

namespace Sim.Cluster.Tests.Scheduling;

public class SchedulerPauseTests
{
    [Test]
    public void A_paused_scheduler_binds_nothing_until_it_resumes()
    {
        var cluster = WorkloadLifeTests.BuildCluster();
        cluster.Scheduler.Pause();
        cluster.Simulation.ScheduleAt(SimTime.FromSeconds(30), cluster.Scheduler.Resume);

        cluster.Simulation.RunUntil(SimTime.FromSeconds(29));
        var pendingWhilePaused = cluster.Api.List(Pod.KindName).Cast<Pod>().Count(p => !p.IsBound);
        var paused = cluster.Scheduler.IsPaused;
        cluster.Simulation.RunUntil(SimTime.FromSeconds(40));
        var pods = cluster.Api.List(Pod.KindName).Cast<Pod>().ToList();
        var bindings = cluster.Log.Events.Where(e => e.Change.StartsWith("bound to", StringComparison.Ordinal)).Select(e => e.Time).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(paused, Is.True);
            Assert.That(pendingWhilePaused, Is.EqualTo(3));
            Assert.That(cluster.Scheduler.IsPaused, Is.False);
            Assert.That(pods.All(p => p.IsBound && p.Status.IsReady), Is.True);
            Assert.That(bindings, Has.Count.EqualTo(3));
            Assert.That(bindings, Is.All.GreaterThanOrEqualTo(SimTime.FromSeconds(30)));
        });
    }
}
