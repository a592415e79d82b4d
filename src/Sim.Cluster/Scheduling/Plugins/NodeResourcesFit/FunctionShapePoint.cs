namespace Sim.Scheduling.Plugins.NodeResourcesFit;

/// <summary>A point of a broken linear function (upstream's <c>helper.FunctionShapePoint</c>).</summary>
/// <param name="Utilization">The x value.</param>
/// <param name="Score">The y value.</param>
internal readonly record struct FunctionShapePoint(long Utilization, long Score);
