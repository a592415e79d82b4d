using Sim.Cluster;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;
using Sim.Cluster.Resources;

namespace Sim.Kubernetes.Tests;

public class KubernetesYamlReaderTests
{
    private const string Cluster = """
        apiVersion: v1
        kind: Node
        metadata:
          name: node-a
          labels:
            topology.kubernetes.io/zone: zone-1
            kubernetes.io/hostname: node-a
        spec:
          unschedulable: true
          taints:
          - key: dedicated
            value: gpu
            effect: NoSchedule
        status:
          capacity: {cpu: "8", memory: 32Gi, pods: "110", nvidia.com/gpu: "2"}
          allocatable: {cpu: 7800m, memory: 30Gi, pods: "110", nvidia.com/gpu: "2"}
          conditions:
          - type: MemoryPressure
            status: "False"
          - type: Ready
            status: "False"
          images:
          - names: [registry.example/web@sha256:abc, registry.example/web:1.0]
            sizeBytes: 250000000
        ---
        apiVersion: v1
        kind: Node
        metadata: {name: node-b}
        status:
          capacity: {cpu: "4", memory: 16Gi, pods: "110"}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-1
          namespace: shop
          labels: {app: web}
        spec:
          nodeName: node-a
          schedulerName: my-scheduler
          priority: 1000
          priorityClassName: high
          preemptionPolicy: Never
          schedulingGates: [{name: wait-for-quota}]
          overhead: {cpu: 100m, memory: 64Mi}
          nodeSelector: {disk: ssd}
          initContainers:
          - name: setup
            image: busybox
            resources: {requests: {cpu: "2"}}
          - name: proxy
            image: envoy
            restartPolicy: Always
            resources: {requests: {cpu: 250m, memory: 128Mi}}
          containers:
          - name: web
            image: registry.example/web:1.0
            resources:
              requests: {cpu: 500m, memory: 1Gi}
              limits: {cpu: "1", memory: 2Gi, ephemeral-storage: 1Gi}
            ports:
            - containerPort: 8080
              hostPort: 80
            - containerPort: 9090
              protocol: UDP
              hostIP: 10.0.0.1
          tolerations:
          - key: dedicated
            operator: Equal
            value: gpu
            effect: NoSchedule
          - operator: Exists
            effect: NoExecute
            tolerationSeconds: 300
          topologySpreadConstraints:
          - maxSkew: 1
            topologyKey: topology.kubernetes.io/zone
            whenUnsatisfiable: DoNotSchedule
            labelSelector: {matchLabels: {app: web}}
            minDomains: 2
            nodeTaintsPolicy: Honor
            matchLabelKeys: [pod-template-hash]
          affinity:
            nodeAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                nodeSelectorTerms:
                - matchExpressions:
                  - {key: topology.kubernetes.io/zone, operator: In, values: [zone-1, zone-2]}
                  matchFields:
                  - {key: metadata.name, operator: NotIn, values: [node-c]}
              preferredDuringSchedulingIgnoredDuringExecution:
              - weight: 20
                preference:
                  matchExpressions: [{key: cores, operator: Gt, values: ["16"]}]
            podAffinity:
              preferredDuringSchedulingIgnoredDuringExecution:
              - weight: 50
                podAffinityTerm:
                  labelSelector: {matchExpressions: [{key: app, operator: In, values: [cache]}]}
                  topologyKey: kubernetes.io/hostname
                  namespaces: [shop, infra]
            podAntiAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
              - labelSelector: {matchLabels: {app: web}}
                topologyKey: kubernetes.io/hostname
        """;

    [Test]
    public void Reads_nodes_and_pods_with_every_scheduling_field()
    {
        var result = KubernetesYamlReader.Read(Cluster, "cluster.yaml");

        Assert.That(result.Diagnostics, Is.Empty, string.Join("\n", result.Diagnostics));
        var objects = result.Value!;
        var (a, b) = (objects.Nodes[0], objects.Nodes[1]);
        var pod = objects.Pods.Single();
        var spec = pod.Spec;
        Assert.Multiple(() =>
        {
            Assert.That(objects.All.Select(o => o.Metadata.Name), Is.EqualTo(new[] { "node-a", "node-b", "web-1" }));
            Assert.That(a.Metadata.Labels["topology.kubernetes.io/zone"], Is.EqualTo("zone-1"));
            Assert.That(a.Spec.Unschedulable, Is.True);
            Assert.That(a.Spec.Taints, Is.EqualTo(new[] { new Taint("dedicated", "gpu", TaintEffect.NoSchedule) }));
            Assert.That(a.Status.Capacity.MilliCpu, Is.EqualTo(8000));
            Assert.That(a.Status.Allocatable.MilliCpu, Is.EqualTo(7800));
            Assert.That(a.Status.Allocatable.Memory, Is.EqualTo(30L << 30));
            Assert.That(a.Status.Allocatable["nvidia.com/gpu"], Is.EqualTo(2));
            Assert.That(a.Status.Ready, Is.EqualTo(NodeConditionStatus.False));
            Assert.That(a.Status.Images, Is.EqualTo(new[]
            {
                new ContainerImage("registry.example/web@sha256:abc", 250_000_000),
                new ContainerImage("registry.example/web:1.0", 250_000_000),
            }));
            Assert.That(b.Status.Allocatable, Is.EqualTo(b.Status.Capacity), "allocatable defaults to the capacity");
            Assert.That(b.Status.Ready, Is.EqualTo(NodeConditionStatus.True));

            Assert.That(pod.Metadata.Namespace, Is.EqualTo("shop"));
            Assert.That(pod.Metadata.Labels["app"], Is.EqualTo("web"));
            Assert.That(spec.NodeName, Is.EqualTo("node-a"));
            Assert.That(spec.SchedulerName, Is.EqualTo("my-scheduler"));
            Assert.That(spec.Priority, Is.EqualTo(1000));
            Assert.That(spec.PriorityClassName, Is.EqualTo("high"));
            Assert.That(spec.PreemptionPolicy, Is.EqualTo(PreemptionPolicy.Never));
            Assert.That(spec.SchedulingGates, Is.EqualTo(new[] { "wait-for-quota" }));
            Assert.That(spec.Overhead!.MilliCpu, Is.EqualTo(100));
            Assert.That(spec.NodeSelector["disk"], Is.EqualTo("ssd"));
            Assert.That(spec.InitContainers.Select(c => (c.Name, c.RestartAlways)), Is.EqualTo(new[] { ("setup", false), ("proxy", true) }));
            var web = spec.Containers.Single();
            Assert.That(web.Image, Is.EqualTo("registry.example/web:1.0"));
            Assert.That(web.Requests.MilliCpu, Is.EqualTo(500));
            Assert.That(web.Requests.EphemeralStorage, Is.EqualTo(1L << 30), "a limit without a request requests the limit");
            Assert.That(web.Limits!.Memory, Is.EqualTo(2L << 30));
            Assert.That(web.Ports, Is.EqualTo(new[] { new ContainerPort(8080, 80), new ContainerPort(9090, 0, "UDP", "10.0.0.1") }));
            Assert.That(pod.Spec.Requests().MilliCpu, Is.EqualTo(2000 + 100), "the setup container's 2 cores dominate; plus overhead");
            Assert.That(spec.Tolerations, Is.EqualTo(new[]
            {
                new Toleration("dedicated", TolerationOperator.Equal, "gpu", TaintEffect.NoSchedule),
                new Toleration(string.Empty, TolerationOperator.Exists, string.Empty, TaintEffect.NoExecute, 300),
            }));
            var spread = spec.TopologySpreadConstraints.Single();
            Assert.That((spread.MaxSkew, spread.TopologyKey, spread.WhenUnsatisfiable, spread.MinDomains), Is.EqualTo((1, "topology.kubernetes.io/zone", WhenUnsatisfiable.DoNotSchedule, (int?)2)));
            Assert.That((spread.NodeAffinityPolicy, spread.NodeTaintsPolicy), Is.EqualTo((NodeInclusionPolicy.Honor, NodeInclusionPolicy.Honor)));
            Assert.That(spread.LabelSelector.ToString(), Is.EqualTo("app=web"));
            Assert.That(spread.MatchLabelKeys, Is.EqualTo(new[] { "pod-template-hash" }));
            var nodeAffinity = spec.Affinity!.NodeAffinity!;
            var term = nodeAffinity.Required.Single();
            Assert.That(term.MatchExpressions.Single().Operator, Is.EqualTo(SelectorOperator.In));
            Assert.That(term.MatchExpressions.Single().Values, Is.EqualTo(new[] { "zone-1", "zone-2" }));
            Assert.That(term.MatchFields.Single(), Is.EqualTo(new NodeSelectorRequirement("metadata.name", SelectorOperator.NotIn, ["node-c"])).Using<NodeSelectorRequirement>(SameRequirement));
            Assert.That(nodeAffinity.Preferred.Single().Weight, Is.EqualTo(20));
            Assert.That(nodeAffinity.Preferred.Single().Preference.MatchExpressions.Single().Operator, Is.EqualTo(SelectorOperator.GreaterThan));
            Assert.That(NodeAffinity.Matches(nodeAffinity.Required, a), Is.True);
            var preferred = spec.Affinity.PodAffinity!.Preferred.Single();
            Assert.That((preferred.Weight, preferred.Term.TopologyKey, preferred.Term.LabelSelector.ToString()), Is.EqualTo((50, "kubernetes.io/hostname", "app in (cache)")));
            Assert.That(preferred.Term.Namespaces, Is.EqualTo(new[] { "shop", "infra" }));
            Assert.That(spec.Affinity.PodAntiAffinity!.Required.Single().LabelSelector.ToString(), Is.EqualTo("app=web"));
        });
    }

    [Test]
    public void A_pod_without_namespace_or_scheduler_name_gets_the_defaults()
    {
        var result = KubernetesYamlReader.Read("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c}]\n", "pod.yaml");

        var pod = result.Value!.Pods.Single();
        Assert.Multiple(() =>
        {
            Assert.That(pod.Metadata.Namespace, Is.EqualTo("default"));
            Assert.That(pod.Spec.SchedulerName, Is.EqualTo("default-scheduler"));
            Assert.That(pod.Spec.Priority, Is.Zero);
            Assert.That(pod.Spec.PreemptionPolicy, Is.EqualTo(PreemptionPolicy.PreemptLowerPriority));
            Assert.That(pod.Spec.Containers.Single().Requests, Is.EqualTo(ResourceList.Empty));
            Assert.That(pod.Spec.Containers.Single().Limits, Is.Null);
        });
    }

    [Test]
    public void Reads_the_items_of_a_List_and_of_a_typed_list_whose_items_omit_their_kind()
    {
        const string text = """
            apiVersion: v1
            kind: List
            metadata: {resourceVersion: ""}
            items:
            - apiVersion: v1
              kind: Node
              metadata: {name: n1}
            - apiVersion: v1
              kind: Pod
              metadata: {name: p1}
              spec: {containers: [{name: c}]}
            ---
            apiVersion: v1
            kind: NodeList
            items:
            - metadata: {name: n2}
            - metadata: {name: n3}
            """;

        var result = KubernetesYamlReader.Read(text, "dump.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics, Is.Empty, string.Join("\n", result.Diagnostics));
            Assert.That(result.Value!.Nodes.Select(n => n.Metadata.Name), Is.EqualTo(new[] { "n1", "n2", "n3" }));
            Assert.That(result.Value.Pods.Select(p => p.Metadata.Name), Is.EqualTo(new[] { "p1" }));
        });
    }

    [Test]
    public void A_kubectl_dump_is_read_with_one_warning_per_ignored_field()
    {
        var result = KubernetesYamlReader.Read(KubectlDump, "dump.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, string.Join("\n", result.Errors));
            Assert.That(result.Value!.Pods.Select(p => (p.Metadata.Name, p.Spec.NodeName, p.Status.Phase)), Is.EqualTo(new[] { ("web-1", "node-a", PodPhase.Running), ("web-2", "node-a", PodPhase.Running) }));
            Assert.That(result.Value.Nodes.Single().Status.Allocatable.MilliCpu, Is.EqualTo(3920));
            Assert.That(result.Value.Pods.Select(p => string.Join(",", p.Metadata.Annotations.Select(a => $"{a.Key}={a.Value}"))),
                Is.EqualTo(new[] { "kubectl.kubernetes.io/restartedAt=2024-05-01T10:00:00Z", "a=b" }), "a pod's annotations are read");
            Assert.That(result.Warnings.Select(w => w.ToString()), Is.EqualTo(new[]
            {
                "dump.yaml:6:5: warning: metadata.annotations: not simulated; ignored",
                "dump.yaml:8:5: warning: metadata.creationTimestamp: not simulated; ignored (3 occurrences)",
                "dump.yaml:9:5: warning: metadata.managedFields: not simulated; ignored (3 occurrences)",
                "dump.yaml:16:5: warning: metadata.resourceVersion: not simulated; ignored (3 occurrences)",
                "dump.yaml:17:5: warning: metadata.uid: not simulated; ignored (3 occurrences)",
                "dump.yaml:19:5: warning: spec.podCIDR: not simulated; ignored",
                "dump.yaml:26:5: warning: status.nodeInfo: not simulated; ignored",
                "dump.yaml:38:5: warning: metadata.ownerReferences: not simulated; ignored (2 occurrences)",
                "dump.yaml:42:7: warning: spec.containers[].imagePullPolicy: not simulated; ignored (2 occurrences)",
                "dump.yaml:46:7: warning: spec.containers[].readinessProbe: not simulated; ignored (2 occurrences)",
                "dump.yaml:47:5: warning: spec.dnsPolicy: not simulated; ignored (2 occurrences)",
                "dump.yaml:49:5: warning: spec.volumes: not simulated; ignored (2 occurrences)",
                "dump.yaml:51:5: warning: status.conditions: not simulated; ignored (2 occurrences)",
                "dump.yaml:52:5: warning: status.containerStatuses: not simulated; ignored (2 occurrences)",
                "dump.yaml:53:5: warning: status.hostIP: not simulated; ignored (2 occurrences)",
                "dump.yaml:55:5: warning: status.podIP: not simulated; ignored (2 occurrences)",
                "dump.yaml:56:5: warning: status.qosClass: not simulated; ignored (2 occurrences)",
                "dump.yaml:57:5: warning: status.startTime: not simulated; ignored (2 occurrences)",
            }));
        });
    }

    [Test]
    public void Workloads_services_budgets_and_priority_classes_are_read()
    {
        const string text = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              replicas: 3
              selector: {matchLabels: {app: web}}
              strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 10%}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, resources: {requests: {cpu: 100m}}}]}
            ---
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: web-abc, namespace: shop}
            spec:
              selector: {matchExpressions: [{key: app, operator: In, values: [web]}]}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web}]}
            ---
            apiVersion: v1
            kind: ReplicationController
            metadata: {name: legacy}
            spec:
              replicas: 2
              template:
                metadata: {labels: {app: legacy}}
                spec: {containers: [{name: c}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              type: NodePort
              selector: {app: web}
              ports: [{port: 80, targetPort: 8080, nodePort: 30080}]
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web, namespace: shop}
            spec: {minAvailable: 50%, selector: {matchLabels: {app: web}}}
            status: {disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3}
            ---
            apiVersion: scheduling.k8s.io/v1
            kind: PriorityClass
            metadata: {name: high}
            value: 100000
            globalDefault: false
            preemptionPolicy: Never
            """;

        var result = KubernetesYamlReader.Read(text, "apps.yaml");

        Assert.That(result.Diagnostics, Is.Empty, string.Join("\n", result.Diagnostics));
        var objects = result.Value!;
        Assert.Multiple(() =>
        {
            var deployment = objects.Deployments.Single();
            Assert.That(deployment.Spec.Replicas, Is.EqualTo(3));
            Assert.That(deployment.Spec.Strategy.MaxSurge, Is.EqualTo(IntOrPercent.Absolute(1)));
            Assert.That(deployment.Spec.Strategy.MaxUnavailable, Is.EqualTo(IntOrPercent.Percent(10)));
            Assert.That(deployment.Spec.Template.Spec.Containers.Single().Requests.MilliCpu, Is.EqualTo(100));
            Assert.That(deployment.Spec.Selector.ToString(), Is.EqualTo("app=web"));
            Assert.That(objects.ReplicaSets.Single().Spec.Replicas, Is.EqualTo(1), "replicas default to 1");
            Assert.That(objects.ReplicaSets.Single().Spec.Selector.ToString(), Is.EqualTo("app in (web)"));
            Assert.That(objects.ReplicationControllers.Single().Spec.Selector["app"], Is.EqualTo("legacy"), "the selector defaults to the template's labels");
            Assert.That(objects.Services.Single().Ports.Single(), Is.EqualTo(new ServicePort(80, 8080, 30080)));
            Assert.That(objects.Services.Single().Type, Is.EqualTo(ServiceType.NodePort));
            var budget = objects.PodDisruptionBudgets.Single();
            Assert.That((budget.MinAvailable, budget.MaxUnavailable, budget.Status.DisruptionsAllowed), Is.EqualTo(((IntOrPercent?)IntOrPercent.Percent(50), (IntOrPercent?)null, 1)));
            var priorityClass = objects.PriorityClasses.Single();
            Assert.That((priorityClass.Value, priorityClass.GlobalDefault, priorityClass.PreemptLowerPriority), Is.EqualTo((100000, false, false)));
        });
    }

    [Test]
    public void Other_kinds_are_ignored_with_one_warning_per_kind()
    {
        const string text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: n}\n";

        var result = KubernetesYamlReader.Read(text, "mixed.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True);
            Assert.That(result.Value!.Nodes, Has.Length.EqualTo(1));
            Assert.That(result.Diagnostics.Select(d => d.ToString()), Is.EqualTo(new[] { "mixed.yaml:2:1: warning: kind ConfigMap (v1) is not simulated; ignored (2 occurrences)" }));
        });
    }

    [Test]
    public void Objects_after_the_file_went_past_its_limits_are_left_out_without_more_errors()
    {
        // A label key with 70 dots counts as 70 levels of nesting to the writer; the Pod after it is
        // then skipped (its model decodes as null), not converted.
        var text = $"apiVersion: v1\nkind: Node\nmetadata: {{name: n, labels: {{{string.Concat(Enumerable.Repeat("a.", 70))}b: x}}}}\n---\n"
            + "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c}]}\n";

        var result = KubernetesYamlReader.Read(text, "deep.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Errors.Select(e => e.Message), Has.Exactly(1).StartsWith("nesting deeper than 64 levels"));
            Assert.That(result.Errors.Count(), Is.EqualTo(1));
        });
    }

    private static IEnumerable<TestCaseData> BadInputs()
    {
        TestCaseData Case(string name, string text, params string[] expected) => new TestCaseData(text, expected).SetName(name);

        yield return Case("YAML syntax error", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [p\n", "bad.yaml:5:1: YAML syntax error: while parsing a flow sequence, did not find expected ',' or ']'.");
        yield return Case("duplicate YAML key", "apiVersion: v1\nkind: Node\nkind: Pod\n", "bad.yaml:3:1: YAML syntax error: duplicate key kind");
        yield return Case("explicit key without a value", "apiVersion: v1\n? : 30\nkind: Node\n", "bad.yaml:3:1: YAML syntax error: cannot read the mapping here (a key without a value, or an explicit '?' key?)");
        yield return Case("empty resource name", NodeDoc("  capacity: {\"\": 1}\n"), "bad.yaml:5:18: status.capacity[]: a resource name is required");
        yield return Case("document is not a mapping", "- apiVersion: v1\n", "bad.yaml:1:1: expected a Kubernetes object (a mapping with apiVersion and kind), got a list");
        yield return Case("missing kind", "apiVersion: v1\nmetadata: {name: x}\n", "bad.yaml:1:1: kind: Required value: the object's kind, e.g. Pod or Node");
        yield return Case("unsupported apiVersion", "apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\n", "bad.yaml:1:13: apiVersion: Unsupported value: \"policy/v1beta1\": supported values for PodDisruptionBudget: \"policy/v1\"");
        yield return Case("unknown field", Pod("  contianers: [{name: c}]\n  containers: [{name: c}]\n"), "bad.yaml:5:3: spec.contianers: unknown field \"contianers\" (did you mean \"containers\"?)");
        yield return Case("wrong type", Pod("  containers: [{name: c, ports: [{containerPort: http}]}]\n"), "bad.yaml:5:50: spec.containers[0].ports[0].containerPort: expected an integer, got \"http\"");
        yield return Case("mapping where a list is expected", Pod("  containers: {name: c}\n"), "bad.yaml:5:15: spec.containers: expected a list, got a mapping");
        yield return Case("integer out of range", Pod("  priority: 3000000000\n  containers: [{name: c}]\n"), "bad.yaml:5:13: spec.priority: 3000000000 is out of range; expected a 32-bit integer");
        yield return Case(
            "bad quantity",
            Pod("  containers:\n  - name: c\n    resources:\n      requests:\n        cpu: 2 cores\n        memory: -1Gi\n"),
            "bad.yaml:9:14: spec.containers[0].resources.requests[cpu]: quantity '2 cores' is not a number with a suffix; expected e.g. 100m, 1.5, 2Gi or 1e3",
            "bad.yaml:10:17: spec.containers[0].resources.requests[memory]: '-1Gi' is negative; expected a non-negative amount");
        yield return Case("fractional extended resource", NodeDoc("  capacity: {example.com/fpga: 500m}\n"), "bad.yaml:5:32: status.capacity[example.com/fpga]: '500m' is not a whole number; extended resources are counted in whole units");
        yield return Case("bad enum", Pod("  containers: [{name: c}]\n  tolerations: [{key: k, effect: NoEntry}]\n"), "bad.yaml:6:34: spec.tolerations[0].effect: Unsupported value: \"NoEntry\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"");
        yield return Case(
            "bad label selector",
            Pod("  containers: [{name: c}]\n  topologySpreadConstraints:\n  - maxSkew: 1\n    topologyKey: zone\n    whenUnsatisfiable: DoNotSchedule\n    labelSelector: {matchExpressions: [{key: app, operator: In}]}\n"),
            "bad.yaml:10:40: spec.topologySpreadConstraints[0].labelSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'");
        yield return Case(
            "node selector requirement without values",
            Pod("  containers: [{name: c}]\n  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms: [{matchExpressions: [{key: zone, operator: NotIn}]}]\n"),
            "bad.yaml:9:49: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'");
        yield return Case("missing container name (API validation)", Pod("  containers: [{image: nginx}]\n"), "bad.yaml:5:16: spec.containers[0].name: Required value");
        yield return Case("request above its limit (API validation)", Pod("  containers: [{name: c, resources: {requests: {cpu: 2}, limits: {cpu: 1}}}]\n"), "bad.yaml:5:48: spec.containers[0].resources.requests: Invalid value: \"2000m\": must be less than or equal to cpu limit of 1000m");
        yield return Case("missing taint effect", "apiVersion: v1\nkind: Node\nmetadata: {name: n}\nspec:\n  taints: [{key: k}]\n", "bad.yaml:5:12: spec.taints[0].effect: Required value: NoSchedule, PreferNoSchedule or NoExecute");
        yield return Case("duplicate object", "apiVersion: v1\nkind: Node\nmetadata: {name: n}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: n}\n", "bad.yaml:7:18: metadata.name: Duplicate value: Node \"n\" is already defined at line 3");
    }

    [TestCaseSource(nameof(BadInputs))]
    public void Bad_input_is_reported_with_file_line_column_field_and_what_was_expected(string text, string[] expected)
    {
        var result = KubernetesYamlReader.Read(text, "bad.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Value, Is.Null);
            Assert.That(result.Errors.Select(e => e.ToString()), Is.EqualTo(expected));
        });
    }

    [Test]
    public void A_missing_file_is_an_error_naming_the_file()
    {
        var result = KubernetesYamlReader.ReadFile(Path.Combine(Path.GetTempPath(), "sim-no-such-dir", "cluster.yaml"));

        Assert.That(result.Errors.Single().Message, Is.EqualTo("file not found"));
        Assert.That(result.Errors.Single().ToString(), Does.EndWith("cluster.yaml: file not found"));
    }

    [TestCase("[")]
    [TestCase("{a: [}")]
    [TestCase("- - -")]
    [TestCase("apiVersion: v1\nkind: Pod\nspec: 5\n")]
    [TestCase("apiVersion: v1\nkind: Pod\nmetadata: [1]\nspec: {containers: 7}\n")]
    [TestCase("apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {a: [1]}}\nspec: {containers: [null, 3]}\n")]
    [TestCase("apiVersion: v1\nkind: List\nitems: 3\n")]
    [TestCase("apiVersion: v1\nkind: Node\nmetadata: {name: n}\nstatus: {capacity: {cpu: {a: 1}}, images: [{names: 5}]}\n")]
    [TestCase("a: &x [*x]\n")]
    [TestCase("a: [\nb: 1\n")]
    [TestCase("apiVersion: v1\nkind: Pod\n? [complex, key]\n: 1\n")]
    public void Garbage_gives_errors_never_an_exception(string text)
    {
        ReadResult<KubernetesObjects>? result = null;

        Assert.DoesNotThrow(() => result = KubernetesYamlReader.Read(text, "junk.yaml"));
        Assert.That(result!.Errors, Is.Not.Empty);
        Assert.That(result.Errors.All(e => e.Line > 0), Is.True, string.Join("\n", result.Errors));
    }

    [Test]
    public void Deep_nesting_is_refused_before_the_tree_is_built_not_a_stack_overflow()
    {
        var result = KubernetesYamlReader.Read(new string('[', 1_000_000), "deep.yaml");

        Assert.That(result.Errors.Select(e => e.ToString()), Is.EqualTo(new[] { "deep.yaml:1:65: nesting deeper than 64 levels" }));
    }

    [Test]
    public void A_file_of_more_than_a_million_values_is_refused()
    {
        var result = KubernetesYamlReader.Read("a: [" + string.Join(",", Enumerable.Repeat("1", 1_000_001)) + "]\n", "many.yaml");

        Assert.That(result.Errors.Select(e => e.Message), Is.EqualTo(new[] { "more than 1,000,000 values in one file" }));
    }

    private static string Pod(string spec) => "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n" + spec;

    private static string NodeDoc(string status) => "apiVersion: v1\nkind: Node\nmetadata: {name: n}\nstatus:\n" + status;

    private static bool SameRequirement(NodeSelectorRequirement x, NodeSelectorRequirement y) =>
        x.Key == y.Key && x.Operator == y.Operator && x.Values.SequenceEqual(y.Values);

    private const string KubectlDump = """
        apiVersion: v1
        items:
        - apiVersion: v1
          kind: Node
          metadata:
            annotations:
              node.alpha.kubernetes.io/ttl: "0"
            creationTimestamp: "2024-05-01T10:00:00Z"
            managedFields:
            - apiVersion: v1
              fieldsType: FieldsV1
              manager: kubelet
            labels:
              kubernetes.io/hostname: node-a
            name: node-a
            resourceVersion: "1234"
            uid: 5f0c1f6e-0000-4000-8000-000000000001
          spec:
            podCIDR: 10.244.0.0/24
          status:
            allocatable: {cpu: 3920m, memory: 15Gi, pods: "110"}
            capacity: {cpu: "4", memory: 16Gi, pods: "110"}
            conditions:
            - {type: Ready, status: "True", lastHeartbeatTime: "2024-05-01T10:00:00Z", reason: KubeletReady}
            images: [{names: [nginx:1.25], sizeBytes: 70000000}]
            nodeInfo: {kubeletVersion: v1.30.0, osImage: Ubuntu}
        - apiVersion: v1
          kind: Pod
          metadata:
            annotations: {kubectl.kubernetes.io/restartedAt: "2024-05-01T10:00:00Z"}
            creationTimestamp: "2024-05-01T10:00:00Z"
            labels: {app: web}
            managedFields: [{manager: kube-controller-manager}]
            name: web-1
            namespace: default
            resourceVersion: "99"
            uid: 5f0c1f6e-0000-4000-8000-000000000002
            ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-abc, uid: x, controller: true}]
          spec:
            containers:
            - image: nginx:1.25
              imagePullPolicy: IfNotPresent
              name: web
              resources:
                requests: {cpu: 250m, memory: 64Mi}
              readinessProbe: {httpGet: {path: /, port: 80}}
            dnsPolicy: ClusterFirst
            nodeName: node-a
            volumes: [{name: kube-api-access, projected: {sources: []}}]
          status:
            conditions: [{type: Ready, status: "True"}]
            containerStatuses: [{name: web, ready: true, restartCount: 0, image: nginx:1.25, imageID: x, started: true, state: {running: {}}}]
            hostIP: 10.0.0.10
            phase: Running
            podIP: 10.244.0.5
            qosClass: Burstable
            startTime: "2024-05-01T10:00:01Z"
        - apiVersion: v1
          kind: Pod
          metadata:
            creationTimestamp: "2024-05-01T10:00:00Z"
            labels: {app: web}
            managedFields: [{manager: kube-controller-manager}]
            name: web-2
            namespace: default
            resourceVersion: "100"
            uid: 5f0c1f6e-0000-4000-8000-000000000003
            ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-abc, uid: x, controller: true}]
            annotations: {a: b}
          spec:
            containers:
            - image: nginx:1.25
              imagePullPolicy: IfNotPresent
              name: web
              readinessProbe: {httpGet: {path: /, port: 80}}
            dnsPolicy: ClusterFirst
            nodeName: node-a
            volumes: []
          status:
            conditions: []
            containerStatuses: []
            hostIP: 10.0.0.10
            phase: Running
            podIP: 10.244.0.6
            qosClass: BestEffort
            startTime: "2024-05-01T10:00:01Z"
        kind: List
        metadata:
          resourceVersion: ""
        """;
}
