using System.Collections.Immutable;
using Sim.Cluster;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;

namespace Sim.Workloads.Tests;

/// <summary>What a Deployment workload creates for each arrival.</summary>
public class DeploymentWorkloadTests
{
    [Test]
    public void An_arrival_creates_a_labelled_deployment_with_a_service_a_budget_and_a_zone_spread_from_the_drawn_shape()
    {
        var cluster = TestClusters.Build();
        cluster.Client("kubectl").Create(new PriorityClass { Metadata = new ObjectMeta { Name = "high" }, Value = 1000 });
        var driver = new WorkloadDriver(cluster, [new DeploymentWorkload
        {
            Name = "shop",
            Namespace = "default",
            Count = 1,
            Pod = new PodShape
            {
                Cpu = Distribution.Constant(250.4),
                Memory = Distribution.Constant((128 << 20) + 0.6),
                Gpu = Distribution.Constant(1),
                LimitRatio = 2,
                Image = "shop:1",
                NodeSelector = ImmutableDictionary<string, string>.Empty.Add("disk", "ssd"),
                Tolerations = [new Toleration { Key = "dedicated", Operator = TolerationOperator.Exists }],
            },
            Replicas = Distribution.Constant(3),
            SpreadAcrossZones = true,
            MinAvailable = IntOrPercent.Percent(50),
            PriorityClassName = "high",
            Labels = ImmutableDictionary<string, string>.Empty.Add("team", "retail"),
        }]);
        driver.Start();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(1));

        var deployment = cluster.Api.Get<Deployment>(new ObjectKey(Deployment.KindName, "default", "shop-0"))!;
        var service = cluster.Api.Get<Service>(new ObjectKey(Service.KindName, "default", "shop-0"))!;
        var budget = cluster.Api.Get<PodDisruptionBudget>(new ObjectKey(PodDisruptionBudget.KindName, "default", "shop-0"))!;
        var template = deployment.Spec.Template;
        var container = template.Spec.Containers.Single();
        var labels = new Dictionary<string, string> { ["app"] = "shop-0", ["sim.workload"] = "shop", ["team"] = "retail" };
        var spread = template.Spec.TopologySpreadConstraints.Single();
        Assert.Multiple(() =>
        {
            Assert.That(deployment.Metadata.Labels, Is.EquivalentTo(labels));
            Assert.That(template.Labels, Is.EquivalentTo(labels));
            Assert.That(deployment.Spec.Replicas, Is.EqualTo(3));
            Assert.That(deployment.Spec.Strategy, Is.EqualTo(new DeploymentStrategy()), "RollingUpdate with upstream's defaults");
            Assert.That(deployment.Spec.Selector.Matches(template.Labels), Is.True);
            Assert.That(deployment.Spec.Selector.ToString(), Is.EqualTo("app=shop-0"));
            Assert.That(container.Requests, Is.EqualTo(ResourceList.Builder().Cpu(250).Memory((128 << 20) + 1).Set(ResourceNames.NvidiaGpu, 1).Build()));
            Assert.That(container.Limits, Is.EqualTo(ResourceList.Builder().Cpu(500).Memory((256 << 20) + 2).Set(ResourceNames.NvidiaGpu, 1).Build()));
            Assert.That(container.Image, Is.EqualTo("shop:1"));
            Assert.That(template.Spec.RestartPolicy, Is.EqualTo(RestartPolicy.Always));
            Assert.That(template.Spec.PriorityClassName, Is.EqualTo("high"));
            Assert.That(template.Spec.NodeSelector, Is.EquivalentTo(new Dictionary<string, string> { ["disk"] = "ssd" }));
            Assert.That(template.Spec.Tolerations.Single().Key, Is.EqualTo("dedicated"));
            Assert.That(spread.MaxSkew, Is.EqualTo(1));
            Assert.That(spread.TopologyKey, Is.EqualTo("topology.kubernetes.io/zone"));
            Assert.That(spread.WhenUnsatisfiable, Is.EqualTo(Cluster.Objects.Scheduling.WhenUnsatisfiable.ScheduleAnyway));
            Assert.That(spread.LabelSelector.ToString(), Is.EqualTo("app=shop-0"));
            Assert.That(service.Selector, Is.EquivalentTo(new Dictionary<string, string> { ["app"] = "shop-0" }));
            Assert.That(service.Type, Is.EqualTo(ServiceType.ClusterIP));
            Assert.That(budget.MinAvailable, Is.EqualTo(IntOrPercent.Percent(50)));
            Assert.That(budget.Selector.ToString(), Is.EqualTo("app=shop-0"));
            Assert.That(driver.Failures, Is.Empty);
        });
    }

    [Test]
    public void Draws_are_rounded_to_whole_units_of_at_least_one_and_zero_gpus_ask_for_none()
    {
        var cluster = TestClusters.Build();
        var driver = new WorkloadDriver(cluster, [new DeploymentWorkload
        {
            Name = "tiny",
            Count = 1,
            Pod = new PodShape { Cpu = Distribution.Constant(0.2), Memory = Distribution.Constant(-5), Gpu = Distribution.Constant(0.0004) },
            Replicas = Distribution.Constant(0),
            Service = false,
        }]);
        driver.Start();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(1));
        var deployment = WorkloadDriverTests.Deployments(cluster).Single();
        var container = deployment.Spec.Template.Spec.Containers.Single();

        Assert.Multiple(() =>
        {
            Assert.That(container.Requests, Is.EqualTo(ResourceList.Builder().Cpu(1).Memory(1).Build()));
            Assert.That(container.Limits, Is.Null, "no limit ratio, no GPUs: no limits");
            Assert.That(deployment.Spec.Replicas, Is.EqualTo(1));
            Assert.That(deployment.Spec.Template.Spec.TopologySpreadConstraints, Is.Empty);
            Assert.That(cluster.Api.List(Service.KindName), Is.Empty);
            Assert.That(cluster.Api.List(PodDisruptionBudget.KindName), Is.Empty);
        });
    }

    [Test]
    public void After_its_lifetime_an_items_deployment_service_budget_and_pods_are_gone()
    {
        var cluster = TestClusters.Build();
        var driver = new WorkloadDriver(cluster, [new DeploymentWorkload
        {
            Name = "temp",
            Count = 2,
            Arrivals = ArrivalProcess.Fixed([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)]),
            Pod = TestClusters.SmallPod(),
            Replicas = Distribution.Constant(2),
            Lifetime = Distribution.Constant(60),
            MinAvailable = IntOrPercent.Absolute(1),
        }]);
        driver.Start();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(50));
        var whileAlive = cluster.Api.List(Pod.KindName).Cast<Pod>().Count(p => p.Status.IsReady);
        cluster.Simulation.RunUntil(SimTime.FromSeconds(75));
        var afterFirst = (Deployments: WorkloadDriverTests.Deployments(cluster).Select(d => d.Metadata.Name).ToList(), Pods: PodsOf(cluster, "temp-0"));
        cluster.Simulation.RunUntil(SimTime.FromSeconds(90));

        Assert.Multiple(() =>
        {
            Assert.That(whileAlive, Is.EqualTo(4));
            Assert.That(afterFirst.Deployments, Is.EqualTo(new[] { "temp-1" }));
            Assert.That(afterFirst.Pods, Is.Empty);
            Assert.That(WorkloadDriverTests.Deployments(cluster), Is.Empty);
            Assert.That(cluster.Api.List(ReplicaSet.KindName), Is.Empty);
            Assert.That(cluster.Api.List(Pod.KindName), Is.Empty);
            Assert.That(cluster.Api.List(Service.KindName), Is.Empty);
            Assert.That(cluster.Api.List(PodDisruptionBudget.KindName), Is.Empty);
            Assert.That(cluster.Log.Events.Where(e => e.Change == "deleted (lifetime over)" && e.Target.Kind == Deployment.KindName).Select(e => e.Time), Is.EqualTo(new[] { SimTime.FromSeconds(70), SimTime.FromSeconds(80) }));
        });
    }

    private static List<Pod> PodsOf(SimulatedCluster cluster, string item) =>
        [.. cluster.Api.List(Pod.KindName).Cast<Pod>().Where(p => p.Metadata.Labels.GetValueOrDefault("app") == item)];
}
