using System.Collections.Immutable;

namespace Sim.Experiments.Scenarios.Format;

/// <summary>
/// The keys one kind of mapping in a scenario file accepts. The reader refuses every other key, and
/// the JSON Schema (<c>docs/scenario.schema.json</c>) declares the same keys under
/// <c>$defs/<see cref="SchemaName"/></c>; a test compares the two.
/// </summary>
/// <param name="SchemaName">The mapping's definition in the JSON Schema.</param>
/// <param name="Names">The keys, in the order the documentation lists them.</param>
internal sealed record FieldSet(string SchemaName, ImmutableArray<string> Names)
{
    public bool Contains(string name) => Names.Contains(name, StringComparer.Ordinal);
}
