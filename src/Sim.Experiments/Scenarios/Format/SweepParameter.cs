using System.Collections.Immutable;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Scenarios.Format;

/// <summary>One swept parameter: the node it replaces and the values it takes, each with its text for variant names.</summary>
/// <param name="Label">The name in variant names (<c>quickstart[nodes=100]</c>).</param>
/// <param name="Target">The node in the scenario document that each value replaces.</param>
/// <param name="Values">The values, in file order, and their texts.</param>
internal sealed record SweepParameter(string Label, YamlNode Target, ImmutableArray<(YamlNode Node, string Text)> Values);
