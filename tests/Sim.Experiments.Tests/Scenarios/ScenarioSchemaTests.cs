using System.Text.Json;
using Sim.Cluster;
using Sim.Experiments.Scenarios.Format;
using static Sim.Experiments.Tests.Scenarios.ScenarioFiles;

namespace Sim.Experiments.Tests.Scenarios;

/// <summary>docs/scenario.schema.json describes exactly the keys the reader accepts.</summary>
public class ScenarioSchemaTests
{
    private static JsonElement Schema()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "scenario.schema.json")));
        return document.RootElement.Clone();
    }

    private static JsonElement Definitions() => Schema().GetProperty("$defs");

    [Test]
    public void The_schema_is_json_schema_2020_12_whose_references_all_resolve()
    {
        var schema = Schema();
        var definitions = Definitions().EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var references = new List<string>();
        Collect(schema, references);

        Assert.Multiple(() =>
        {
            Assert.That(schema.GetProperty("$schema").GetString(), Is.EqualTo("https://json-schema.org/draft/2020-12/schema"));
            Assert.That(references, Is.Not.Empty);
            Assert.That(references.Where(r => !r.StartsWith("#/$defs/", StringComparison.Ordinal) || !definitions.Contains(r["#/$defs/".Length..])), Is.Empty);
        });
    }

    [Test]
    public void Every_mapping_the_reader_knows_has_the_same_keys_in_the_schema()
    {
        var definitions = Definitions();

        Assert.Multiple(() =>
        {
            foreach (var set in ScenarioFields.All)
            {
                Assert.That(definitions.TryGetProperty(set.SchemaName, out var found), Is.True, set.SchemaName);
                var definition = ObjectOf(found);
                var properties = definition.GetProperty("properties").EnumerateObject().Select(p => p.Name);
                Assert.That(properties, Is.EquivalentTo(set.Names), set.SchemaName);
                Assert.That(definition.GetProperty("additionalProperties").GetBoolean(), Is.False, $"{set.SchemaName} refuses unknown keys, as the reader does");
                if (definition.TryGetProperty("required", out var required))
                {
                    Assert.That(required.EnumerateArray().Select(r => r.GetString()), Is.SubsetOf(set.Names), set.SchemaName);
                }
            }
        });
    }

    [Test]
    public void Every_mapping_the_schema_declares_is_one_the_reader_knows()
    {
        var declared = new List<string>();
        foreach (var definition in Definitions().EnumerateObject())
        {
            CollectObjects(definition.Name, definition.Value, declared);
        }

        Assert.That(declared, Is.EquivalentTo(ScenarioFields.All.Select(s => s.SchemaName)));
    }

    [Test]
    public void Timings_cover_every_cluster_timing()
    {
        var properties = typeof(ClusterTimings).GetProperties().Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]);

        Assert.That(ScenarioFields.Timings.Names, Is.EquivalentTo(properties));
    }

    /// <summary>The object schema of a definition: itself, or the option of its oneOf that declares properties (a delay is a duration or a mapping).</summary>
    private static JsonElement ObjectOf(JsonElement definition) =>
        definition.TryGetProperty("properties", out _)
            ? definition
            : definition.GetProperty("oneOf").EnumerateArray().Single(option => option.ValueKind == JsonValueKind.Object && option.TryGetProperty("properties", out _));

    /// <summary>The names of the definitions that declare an object's properties (an inline object under a definition counts as it).</summary>
    private static void CollectObjects(string name, JsonElement element, List<string> declared)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (element.TryGetProperty("properties", out _))
        {
            declared.Add(name);
            return;
        }

        foreach (var key in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (element.TryGetProperty(key, out var options))
            {
                foreach (var option in options.EnumerateArray())
                {
                    CollectObjects(name, option, declared);
                }
            }
        }
    }

    private static void Collect(JsonElement element, List<string> references)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "$ref")
                    {
                        references.Add(property.Value.GetString()!);
                    }

                    Collect(property.Value, references);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, references);
                }

                break;
        }
    }
}
