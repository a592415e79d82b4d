namespace Sim.Traces.Tests.Fuzzing;

/// <summary>Small valid YAML inputs that together touch most of what the YAML readers read.</summary>
internal static class FuzzSeeds
{
    public static IEnumerable<string> KubernetesObjects { get; } =
    [
        """
        apiVersion: v1
        kind: Node
        metadata:
          name: node-a
          labels: {topology.kubernetes.io/zone: zone-1, kubernetes.io/hostname: node-a}
        spec:
          taints: [{key: dedicated, value: gpu, effect: NoSchedule}]
        status:
          capacity: {cpu: "8", memory: 32Gi, pods: "110", nvidia.com/gpu: "2"}
          allocatable: {cpu: 7800m, memory: 30Gi, pods: "110", nvidia.com/gpu: "2"}
          conditions: [{type: Ready, status: "True"}]
          images: [{names: [registry.example/web:1.0], sizeBytes: 250000000}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web-1, namespace: shop, labels: {app: web}}
        spec:
          priority: 1000
          overhead: {cpu: 100m, memory: 64Mi}
          nodeSelector: {disk: ssd}
          initContainers:
          - {name: setup, image: busybox, resources: {requests: {cpu: "2"}}}
          containers:
          - name: web
            image: registry.example/web:1.0
            resources:
              requests: {cpu: 500m, memory: 1Gi}
              limits: {cpu: "1", memory: 2Gi, ephemeral-storage: 1Gi}
            ports: [{containerPort: 8080, hostPort: 80}]
          tolerations:
          - {key: dedicated, operator: Equal, value: gpu, effect: NoSchedule}
          - {operator: Exists, effect: NoExecute, tolerationSeconds: 300}
          topologySpreadConstraints:
          - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}
          affinity:
            nodeAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                nodeSelectorTerms:
                - matchExpressions: [{key: topology.kubernetes.io/zone, operator: In, values: [zone-1, zone-2]}]
            podAntiAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
              - {labelSelector: {matchLabels: {app: web}}, topologyKey: kubernetes.io/hostname}
        """,
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: web:1, resources: {requests: {cpu: 250m, memory: 256Mi}}}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: web, namespace: shop}
        spec: {minAvailable: 2, selector: {matchLabels: {app: web}}}
        ---
        apiVersion: scheduling.k8s.io/v1
        kind: PriorityClass
        metadata: {name: high}
        value: 1000000
        preemptionPolicy: PreemptLowerPriority
        """,
        """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: apps/v1
          kind: ReplicaSet
          metadata: {name: rs, namespace: default}
          spec:
            replicas: 2
            selector: {matchExpressions: [{key: app, operator: Exists}]}
            template:
              metadata: {labels: {app: x}}
              spec: {containers: [{name: c, image: i}]}
        - apiVersion: v1
          kind: ReplicationController
          metadata: {name: rc}
          spec: {replicas: 1, selector: {app: y}, template: {metadata: {labels: {app: y}}, spec: {containers: [{name: c, image: i}]}}}
        """,
    ];

    public static IEnumerable<string> SchedulerConfigurations { get; } =
    [
        """
        apiVersion: kubescheduler.config.k8s.io/v1
        kind: KubeSchedulerConfiguration
        parallelism: 8
        percentageOfNodesToScore: 30
        podInitialBackoffSeconds: 2
        podMaxBackoffSeconds: 20
        profiles:
        - schedulerName: default-scheduler
        - schedulerName: batch
          percentageOfNodesToScore: 70
          plugins:
            filter:
              disabled: [{name: NodeUnschedulable}]
            score:
              enabled: [{name: ImageLocality, weight: 3}]
            preEnqueue:
              disabled: [{name: SchedulingGates}]
        """,
        """
        apiVersion: kubescheduler.config.k8s.io/v1
        kind: KubeSchedulerConfiguration
        profiles:
        - schedulerName: packing
          plugins:
            multiPoint:
              enabled: [{name: PrioritySort}, {name: NodeResourcesFit, weight: 2}, {name: DefaultBinder}]
              disabled: [{name: "*"}]
          pluginConfig:
          - name: NodeResourcesFit
            args:
              scoringStrategy:
                type: RequestedToCapacityRatio
                resources: [{name: cpu, weight: 1}, {name: memory, weight: 1}, {name: nvidia.com/gpu, weight: 3}]
                requestedToCapacityRatio:
                  shape: [{utilization: 0, score: 0}, {utilization: 100, score: 10}]
          - name: PodTopologySpread
            args:
              defaultingType: List
              defaultConstraints: [{maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway}]
          - name: InterPodAffinity
            args: {hardPodAffinityWeight: 1}
          - name: DefaultPreemption
            args: {minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100}
          - name: NodeAffinity
            args:
              addedAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  nodeSelectorTerms: [{matchExpressions: [{key: pool, operator: In, values: [a]}]}]
        """,
    ];

    /// <summary>A scenario that uses every key of the format (the scenario reader's own test file, "Full").</summary>
    public static IEnumerable<string> Scenarios { get; } =
    [
        """
        name: full
        description: Every key of the format.
        duration: 1h30m
        seeds: [1, 4, 9]
        sampleInterval: 30s
        policies:
        - kubernetes-default
        - spread
        cluster:
          pools:
          - name: general
            count: 6
            zones: [zone-a, zone-b, zone-c]
            region: r1
            instanceType: m5.4xlarge
            allocatable: {cpu: "16", memory: 64Gi, pods: 110, nvidia.com/gpu: 0}
            labels: {team: blue}
            taints: [{key: dedicated, value: blue, effect: NoSchedule}]
          - name: small
            count: 2
            allocatable: {cpu: 2500m, memory: 4Gi}
        timings:
          watchLatency: {exponential: {mean: 20ms}}
          apiRequestLatency: 7ms
          sandboxStart: {uniform: {min: 100ms, max: 900ms}}
          imagePullBytesPerSecond: 50M
          nodeMonitorGracePeriod: 40s
          defaultTolerationSeconds: 120
        workloads:
        - name: web
          kind: Deployment
          count: 40
          arrivals: {poisson: {rate: 2/min}}
          start: 5m
          stop: 1h
          namespace: shop
          priorityClassName: high
          labels: {tier: front}
          replicas: {uniform: {min: 2, max: 6}}
          cpu: {lognormal: {mean: 500m, sd: 300m}, min: 100m, max: 4}
          memory: 1Gi
          gpu: 0
          limitRatio: 2
          image: registry.example/web:1.0
          nodeSelector: {team: blue}
          tolerations:
          - {key: dedicated, operator: Equal, value: blue, effect: NoSchedule}
          - {operator: Exists}
          lifetime: {exponential: {mean: 30m}}
          service: false
          spreadAcrossZones: true
          minAvailable: 50%
        - name: batch
          kind: Job
          arrivals: {mmpp: {rates: [10/min, 60/h], sojourns: [5m, 30m]}}
          parallelism: {uniform: {min: 1, max: 4}}
          completions: 8
          duration: {weibull: {shape: 1.5, scale: 10m}}
          cpu: 1
          memory: {normal: {mean: 2Gi, sd: 512Mi}, min: 256Mi}
          ttlAfterFinished: 2m
        - name: daily
          kind: Job
          count: 100
          arrivals: {diurnal: {mean: 1/min, amplitude: 0.5, peak: 14h}}
          duration: {empirical: [30s, 1m, 90s]}
          cpu: {constant: 250m}
          memory: {lognormal: {mu: 20, sigma: 0.5}}
        - name: fixed
          kind: Deployment
          arrivals: {fixed: [10m, 0s]}
          cpu: 100m
          memory: 128Mi
        faults:
        - name: crashes
          kind: NodeCrash
          timeToFailure: {exponential: {mean: 24h}}
          timeToRecover: {lognormal: {mean: 10m, sd: 5m}}
          nodeSelector: {sim.pool: general}
          start: 10m
        - name: two-down
          kind: NodeFailure
          nodes: [general-0, small-1]
          at: 20m
        - name: zone-b-down
          kind: ZoneOutage
          zone: zone-b
          at: 1h
          duration: 10m
        outputs: {events: true}
        """,
        """
        name: gpu
        duration: 6h
        stop: {when: workloads-done}
        policies: [kubernetes-default, fgd]
        cluster:
          pools:
          - {name: g2, count: 4, allocatable: {cpu: "96", memory: 384Gi, nvidia.com/gpu: 8}, labels: {alibabacloud.com/gpu-card-model: G2}}
        workloads:
        - {name: train, kind: Job, count: 20, arrivals: {poisson: {rate: 1/min}}, gpu: {empirical: [0.25, 1, 8]}, gpuModels: [G2, T4], duration: 10m, cpu: 4, memory: 16Gi}
        - {name: infer, kind: Deployment, count: 2, gpu: 300m, gpuModels: G2, cpu: 1, memory: 1Gi}
        """,
        """
        name: counted
        duration: 1h
        stop: {when: pods-succeeded, count: 50}
        policies: [spread]
        cluster: {pools: [{name: a, count: 2, allocatable: {cpu: "4", memory: 8Gi}}]}
        workloads:
        - {name: w, kind: Job, count: 60, duration: {empirical: [1m, 2m, 90s]}, cpu: 1, memory: 1Gi}
        """,
    ];
}
