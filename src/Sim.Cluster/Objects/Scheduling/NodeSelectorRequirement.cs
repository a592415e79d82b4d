using System.Collections.Immutable;
using Sim.Cluster.Labels;

namespace Sim.Cluster.Objects.Scheduling;

/// <summary>
/// One requirement of a node selector term: a key, an operator (<c>In</c>, <c>NotIn</c>, <c>Exists</c>,
/// <c>DoesNotExist</c>, <c>Gt</c>, <c>Lt</c>) and values, matched as label requirements.
/// </summary>
/// <param name="Key">The node label (or, in <c>matchFields</c>, <c>metadata.name</c>).</param>
/// <param name="Operator">The operator.</param>
/// <param name="Values">The values (one integer for Gt and Lt, none for Exists and DoesNotExist).</param>
public sealed record NodeSelectorRequirement(string Key, SelectorOperator Operator, ImmutableArray<string> Values);
