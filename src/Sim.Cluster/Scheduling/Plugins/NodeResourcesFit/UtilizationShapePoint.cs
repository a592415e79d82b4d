namespace Sim.Scheduling.Plugins.NodeResourcesFit;

/// <summary>One point of the RequestedToCapacityRatio shape (upstream's <c>UtilizationShapePoint</c>).</summary>
/// <param name="Utilization">Utilization in percent, 0..100.</param>
/// <param name="Score">The score at that utilization, 0..10 (scaled to 0..100 when scoring).</param>
public readonly record struct UtilizationShapePoint(int Utilization, int Score);
