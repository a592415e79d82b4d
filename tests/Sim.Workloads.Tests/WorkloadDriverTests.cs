using System.Collections.Immutable;
using Sim.Cluster;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;
using Sim.Engine.Randomness;

namespace Sim.Workloads.Tests;

/// <summary>The driver's arrivals: when items arrive, how many, and from which streams.</summary>
public class WorkloadDriverTests
{
    [Test]
    public void An_arrival_drawn_beyond_what_a_TimeSpan_holds_never_comes_instead_of_overflowing_the_clock()
    {
        // 1e-300 per second (the format reads 1e-300/d): the first gap is beyond TimeSpan.MaxValue, and
        // the workload starts 100 s into a run that started at 10 s.
        var cluster = TestClusters.Build();
        var workload = new DeploymentWorkload
        {
            Name = "web",
            Pod = TestClusters.SmallPod(),
            Replicas = Distribution.Constant(1),
            Arrivals = ArrivalProcess.Poisson(1e-300),
            Start = TimeSpan.FromSeconds(100),
            Count = 2,
            Service = false,
        };
        cluster.Simulation.RunUntil(SimTime.FromSeconds(10));
        var driver = new WorkloadDriver(cluster, [workload]);
        driver.Start();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(1000));

        Assert.That(driver.Arrivals, Is.Zero);
    }

    [Test]
    public void Items_arrive_at_the_times_the_workloads_arrivals_stream_gives_from_its_start()
    {
        var cluster = TestClusters.Build();
        var workload = new DeploymentWorkload
        {
            Name = "web",
            Pod = TestClusters.SmallPod(),
            Replicas = Distribution.Constant(1),
            Arrivals = ArrivalProcess.Poisson(0.5),
            Start = TimeSpan.FromSeconds(100),
            Count = 20,
            Service = false,
        };
        cluster.Simulation.RunUntil(SimTime.FromSeconds(10));
        var driver = new WorkloadDriver(cluster, [workload]);
        driver.Start();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(1000));

        // The same process, drawn from the stream the driver must use, from the driver's start (10 s) + 100 s.
        var stream = workload.Arrivals.Start(new RandomStreams(1).Child("workloads").Child("web").For("arrivals"));
        var expected = Enumerable.Range(0, 20).Select(i => (Name: $"web-{i}", At: SimTime.FromSeconds(110) + stream.NextArrival()!.Value)).ToList();
        var created = Deployments(cluster).Select(d => (Name: d.Metadata.Name, At: d.Metadata.CreatedAt)).OrderBy(d => int.Parse(d.Name[4..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(created, Is.EqualTo(expected));
            Assert.That(driver.Arrivals, Is.EqualTo(20));
            Assert.That(driver.PodsRequested, Is.EqualTo(20));
            Assert.That(driver.Failures, Is.Empty);
        });
    }

    [Test]
    public void A_poisson_workload_stops_at_its_stop_time_with_an_arrival_count_within_three_sigma()
    {
        var cluster = TestClusters.Build();
        var driver = new WorkloadDriver(cluster, [new JobWorkload
        {
            Name = "tasks",
            Pod = TestClusters.SmallPod(),
            Duration = Distribution.Constant(1),
            Arrivals = ArrivalProcess.Poisson(2),
            Stop = TimeSpan.FromSeconds(500),
            TtlAfterFinished = TimeSpan.Zero,
        }]);
        driver.Start();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(600));
        var arrivals = cluster.Log.Events.Where(e => e.Target.Kind == Job.KindName && e.Change == "created").Select(e => e.Time).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(driver.Arrivals, Is.EqualTo(arrivals.Count));
            Assert.That(arrivals.Count, Is.EqualTo(1000).Within(3 * Math.Sqrt(1000)));
            Assert.That(arrivals.Max(), Is.LessThanOrEqualTo(SimTime.FromSeconds(500)));
            Assert.That(driver.Failures, Is.Empty);
        });
    }

    [Test]
    public void A_workload_stops_arriving_when_its_count_is_reached()
    {
        var cluster = TestClusters.Build();
        var driver = new WorkloadDriver(cluster, [new DeploymentWorkload
        {
            Name = "api",
            Pod = TestClusters.SmallPod(),
            Replicas = Distribution.Constant(2),
            Arrivals = ArrivalProcess.Poisson(10),
            Count = 7,
        }]);
        driver.Start();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(60));

        Assert.Multiple(() =>
        {
            Assert.That(driver.Arrivals, Is.EqualTo(7));
            Assert.That(driver.PodsRequested, Is.EqualTo(14));
            Assert.That(Deployments(cluster).Select(d => d.Metadata.Name), Is.EquivalentTo(Enumerable.Range(0, 7).Select(i => $"api-{i}")));
            Assert.That(cluster.Api.List(Service.KindName).Select(s => s.Metadata.Name), Is.EquivalentTo(Enumerable.Range(0, 7).Select(i => $"api-{i}")));
        });
    }

    [Test]
    public void Workloads_arriving_all_at_start_arrive_at_once()
    {
        var cluster = TestClusters.Build();
        var driver = new WorkloadDriver(cluster, [new DeploymentWorkload { Name = "burst", Pod = TestClusters.SmallPod(), Replicas = Distribution.Constant(1), Count = 5, Start = TimeSpan.FromSeconds(30) }]);
        driver.Start();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(60));

        Assert.That(Deployments(cluster).Select(d => d.Metadata.CreatedAt).ToList(), Has.Count.EqualTo(5).And.All.EqualTo(SimTime.FromSeconds(30)));
    }

    [Test]
    public void A_manifest_workload_creates_its_objects_in_order_at_its_start_and_leaves_out_nodes()
    {
        var cluster = TestClusters.Build();
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "solo", Namespace = "default" },
            Spec = new PodSpec { Containers = [new Container("c", Cluster.Resources.ResourceList.Builder().Cpu(100).Build())] },
        };
        var job = new Job
        {
            Metadata = new ObjectMeta { Name = "once", Namespace = "default" },
            Spec = new JobSpec { Completions = 3, Parallelism = 1, Template = new PodTemplate { Spec = pod.Spec with { RestartPolicy = RestartPolicy.Never } } },
        };
        var node = new Node { Metadata = new ObjectMeta { Name = "extra" } };
        var driver = new WorkloadDriver(cluster, [new ManifestWorkload { Name = "manifests", Objects = [job, node, pod], Start = TimeSpan.FromSeconds(5) }]);
        driver.Start();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(10));
        var writes = cluster.Log.Events.Where(e => e.Component == "workload/manifests").Select(e => (e.Time, e.Target.ToString(), e.Change)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(writes, Is.EqualTo(new[] { (SimTime.FromSeconds(5), "Job/default/once", "created"), (SimTime.FromSeconds(5), "Pod/default/solo", "created") }));
            Assert.That(cluster.Api.Get<Node>(new ObjectKey(Node.KindName, string.Empty, "extra")), Is.Null);
            Assert.That(driver.Arrivals, Is.EqualTo(1));
            Assert.That(driver.PodsRequested, Is.EqualTo(4), "three completions and one pod");
        });
    }

    [Test]
    public void Refused_objects_are_reported_and_the_run_goes_on()
    {
        var cluster = TestClusters.Build();
        var driver = new WorkloadDriver(cluster, [new JobWorkload
        {
            Name = "odd",
            Pod = TestClusters.SmallPod(),
            Duration = Distribution.Constant(5),
            Count = 2,
            Arrivals = ArrivalProcess.Fixed([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)]),
            Labels = ImmutableDictionary<string, string>.Empty.Add("not a key", "x"),
        }]);
        driver.Start();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(driver.Arrivals, Is.EqualTo(2));
            Assert.That(driver.PodsRequested, Is.Zero);
            Assert.That(driver.Failures, Has.Count.EqualTo(2));
            Assert.That(driver.Failures[0], Does.StartWith("1.0000000s workload odd: Job/default/odd-0 is invalid: metadata.labels: Invalid value"));
            Assert.That(cluster.Api.List(Job.KindName), Is.Empty);
        });
    }

    [Test]
    public void Invalid_workloads_are_refused_at_construction()
    {
        var cluster = TestClusters.Build();
        DeploymentWorkload Web(string name) => new() { Name = name, Pod = TestClusters.SmallPod(), Replicas = Distribution.Constant(1), Count = 1 };

        Assert.Multiple(() =>
        {
            Assert.That(() => new WorkloadDriver(cluster, [Web("a"), Web("a")]), Throws.ArgumentException.With.Message.Contains("Two workloads are named 'a'"));
            Assert.That(() => new WorkloadDriver(cluster, [Web("Web_1")]), Throws.ArgumentException.With.Message.Contains("Workload name 'Web_1'"));
            Assert.That(() => new WorkloadDriver(cluster, [Web("a") with { Count = null }]), Throws.ArgumentException.With.Message.Contains("no Count"));
            Assert.That(() => new WorkloadDriver(cluster, [Web("a") with { Pod = TestClusters.SmallPod() with { LimitRatio = 0.5 } }]), Throws.ArgumentException.With.Message.Contains("limit ratio"));
        });
    }

    [Test]
    public void A_driver_starts_once()
    {
        var driver = new WorkloadDriver(TestClusters.Build(), []);
        driver.Start();

        Assert.That(driver.Start, Throws.InvalidOperationException);
    }

    internal static List<Deployment> Deployments(SimulatedCluster cluster) => [.. cluster.Api.List(Deployment.KindName).Cast<Deployment>()];
}
