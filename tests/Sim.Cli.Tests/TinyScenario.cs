namespace Sim.Cli.Tests;

/// <summary>A scenario small enough to run many times in tests (a fraction of a second per run).</summary>
internal static class TinyScenario
{
    public const string Text = """
        name: tiny
        description: Six nodes in two zones, two services, a trickle of batch jobs and one node crash.
        duration: 20m
        seeds: 1..3
        sampleInterval: 2m
        policies: [kubernetes-default, most-allocated, best-fit]
        cluster:
          pools:
            - name: node
              count: 6
              zones: [zone-a, zone-b]
              allocatable: { cpu: "4", memory: 8Gi, pods: 110 }
        workloads:
          - name: web
            kind: Deployment
            count: 3
            replicas: 2
            cpu: 500m
            memory: 512Mi
            service: true
          - name: batch
            kind: Job
            arrivals: { poisson: { rate: 1/min } }
            parallelism: { uniform: { min: 1, max: 3 } }
            duration: { exponential: { mean: 3m } }
            cpu: { uniform: { min: 200m, max: 1500m } }
            memory: 1Gi
        faults:
          - name: node-0-down
            kind: NodeFailure
            nodes: [node-0]
            at: 5m
            duration: 5m
        """;

    public static string WriteTo(string folder, string text = Text)
    {
        var path = Path.Combine(folder, "tiny.yaml");
        File.WriteAllText(path, text);
        return path;
    }
}
