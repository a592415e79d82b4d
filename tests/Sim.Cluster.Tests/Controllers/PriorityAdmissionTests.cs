using Sim.Cluster.Api;
using Sim.Cluster.Controllers;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;

namespace Sim.Cluster.Tests.Controllers;

public class PriorityAdmissionTests
{
    [Test]
    public void A_pod_gets_its_class_value_the_global_default_or_zero()
    {
        var cluster = new SimulatedCluster(seed: 1);
        var kubectl = cluster.Client("kubectl");
        var before = kubectl.Create(Pod("early", "")).Value!;
        kubectl.Create(new PriorityClass { Metadata = new ObjectMeta { Name = "batch" }, Value = 100, GlobalDefault = true });
        kubectl.Create(new PriorityClass { Metadata = new ObjectMeta { Name = "web" }, Value = 1_000 });

        var named = kubectl.Create(Pod("named", "web")).Value!;
        var defaulted = kubectl.Create(Pod("defaulted", "")).Value!;
        var critical = kubectl.Create(Pod("critical", PriorityClass.SystemNodeCritical)).Value!;

        Assert.Multiple(() =>
        {
            Assert.That(before.Spec.Priority, Is.Zero, "no class and no global default yet");
            Assert.That(named.Spec.Priority, Is.EqualTo(1_000));
            Assert.That(defaulted.Spec.Priority, Is.EqualTo(100));
            Assert.That(defaulted.Spec.PriorityClassName, Is.EqualTo("batch"));
            Assert.That(critical.Spec.Priority, Is.EqualTo(2_000_001_000));
        });
    }

    [Test]
    public void Of_several_global_defaults_the_one_created_first_wins_and_at_the_same_time_the_first_by_name()
    {
        var cluster = new SimulatedCluster(seed: 1);
        var kubectl = cluster.Client("kubectl");
        // Created in reverse name order at one instant, so that neither creation order nor a hash
        // order can stand in for the name order.
        kubectl.Create(new PriorityClass { Metadata = new ObjectMeta { Name = "zeta" }, Value = 30, GlobalDefault = true });
        kubectl.Create(new PriorityClass { Metadata = new ObjectMeta { Name = "mid" }, Value = 20, GlobalDefault = true });
        kubectl.Create(new PriorityClass { Metadata = new ObjectMeta { Name = "beta" }, Value = 10, GlobalDefault = true });
        var tie = kubectl.Create(Pod("tie", "")).Value!;
        kubectl.Delete(new ObjectKey(PriorityClass.KindName, string.Empty, "beta"));
        cluster.Simulation.RunFor(TimeSpan.FromSeconds(1));
        kubectl.Create(new PriorityClass { Metadata = new ObjectMeta { Name = "alpha" }, Value = 5, GlobalDefault = true });
        var later = kubectl.Create(Pod("later", "")).Value!;

        Assert.Multiple(() =>
        {
            Assert.That(tie.Spec.PriorityClassName, Is.EqualTo("beta"));
            Assert.That(tie.Spec.Priority, Is.EqualTo(10));
            Assert.That(later.Spec.PriorityClassName, Is.EqualTo("mid"), "created before alpha, and first by name among those created with it");
        });
    }

    [Test]
    public void The_default_a_pod_gets_follows_every_create_update_and_delete_of_the_classes()
    {
        // The admission keeps the global default until a class is written: against a fresh walk over
        // the classes before each pod, on random class writes (a default turned off by an update too).
        var cluster = new SimulatedCluster(seed: 1);
        var kubectl = cluster.Client("kubectl");
        var random = new Sim.Engine.Randomness.RandomStreams(3).For("classes");
        var defaulted = 0;
        for (var i = 0; i < 300; i++)
        {
            var key = new ObjectKey(PriorityClass.KindName, string.Empty, $"class-{random.Next(4)}");
            var existing = kubectl.Get<PriorityClass>(key);
            switch (random.Next(4))
            {
                case 0 when existing is null:
                    kubectl.Create(new PriorityClass { Metadata = new ObjectMeta { Name = key.Name }, Value = random.Next(100), GlobalDefault = random.Next(2) == 0 });
                    break;
                case 1 when existing is not null:
                    kubectl.Update(existing with { GlobalDefault = !existing.GlobalDefault, Value = random.Next(100) });
                    break;
                case 2 when existing is not null:
                    kubectl.Delete(key);
                    break;
                default:
                    cluster.Simulation.RunFor(TimeSpan.FromMilliseconds(random.Next(3)));
                    break;
            }

            var expected = PriorityAdmission.GlobalDefault(cluster.Api);
            var pod = kubectl.Create(Pod($"pod-{i}", "")).Value!;
            defaulted += expected is null ? 0 : 1;
            Assert.Multiple(() =>
            {
                Assert.That(pod.Spec.PriorityClassName, Is.EqualTo(expected?.Metadata.Name ?? string.Empty), $"pod {i}");
                Assert.That(pod.Spec.Priority, Is.EqualTo(expected?.Value ?? 0), $"pod {i}");
            });
        }

        Assert.That(defaulted, Is.InRange(50, 250), "the pods mix defaulted and not");
    }

    [Test]
    public void A_pod_naming_an_unknown_class_is_refused()
    {
        var cluster = new SimulatedCluster(seed: 1);

        var result = cluster.Client("kubectl").Create(Pod("p", "gold"));

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ApiStatus.Invalid));
            Assert.That(result.Message, Does.Contain("spec.priorityClassName: Invalid value: \"gold\": no PriorityClass with name gold was found"));
        });
    }

    [TestCase("system-custom", 10, "reserved")]
    [TestCase("too-high", 1_000_000_001, "maximum allowed value of a user defined priority is 1000000000")]
    public void User_classes_cannot_take_system_names_or_values(string name, int value, string expected)
    {
        var cluster = new SimulatedCluster(seed: 1);

        var result = cluster.Client("kubectl").Create(new PriorityClass { Metadata = new ObjectMeta { Name = name }, Value = value });

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ApiStatus.Invalid));
            Assert.That(result.Message, Does.Contain(expected));
        });
    }

    private static Pod Pod(string name, string priorityClass) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new PodSpec { PriorityClassName = priorityClass, Containers = [new Container("c", ResourceList.Empty)] },
    };
}
