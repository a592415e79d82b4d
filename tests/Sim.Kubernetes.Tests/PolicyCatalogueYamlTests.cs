using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sim.Cluster.Labels;
using Sim.Scheduling;
using Sim.Scheduling.Policies;

namespace Sim.Kubernetes.Tests;

/// <summary>
/// Every catalogue policy is an ordinary <c>KubeSchedulerConfiguration</c>: examples/policies/NAME.yaml,
/// read with the catalogue's registry, is the policy's configuration.
/// </summary>
public class PolicyCatalogueYamlTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Converters = { new DefaultArrayAsEmpty(), new NothingSelectorAsNull() } };

    private static IEnumerable<TestCaseData> Policies() => PolicyCatalogue.All.Select(p => new TestCaseData(p.Name).SetName($"Policy {p.Name}"));

    [TestCaseSource(nameof(Policies))]
    public void The_policys_yaml_reads_as_its_configuration(string name)
    {
        Assert.That(PolicyCatalogue.TryGet(name, out var policy), Is.True);
        var path = Path.Combine(RepositoryRoot(), "examples", "policies", name + ".yaml");

        var result = SchedulerConfigReader.ReadFile(path, PolicyCatalogue.CreateRegistry());

        Assert.That(result.Diagnostics.Select(d => d.ToString()), Is.Empty);
        Assert.That(Json(result.Value!), Is.EqualTo(Json(policy!.Configuration())));
    }

    [Test]
    public void Every_yaml_file_is_a_catalogue_policy()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryRoot(), "examples", "policies"), "*.yaml").Select(Path.GetFileNameWithoutExtension);

        Assert.That(files, Is.EquivalentTo(PolicyCatalogue.All.Select(p => p.Name)));
    }

    /// <summary>The configuration as JSON, args included by their runtime type, so that two configurations compare by value.</summary>
    private static string Json(SchedulerConfiguration config) => JsonSerializer.Serialize(config, Indented);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sim.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Sim.sln not found above the test directory.");
    }

    /// <summary>Writes an <see cref="ImmutableArray{T}"/> left at its default (an optional list not given) as an empty list.</summary>
    private sealed class DefaultArrayAsEmpty : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) =>
            typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ImmutableArray<>);

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

        private sealed class Converter<T> : JsonConverter<ImmutableArray<T>>
        {
            public override ImmutableArray<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                throw new NotSupportedException();

            public override void Write(Utf8JsonWriter writer, ImmutableArray<T> value, JsonSerializerOptions options)
            {
                writer.WriteStartArray();
                foreach (var item in value.IsDefault ? [] : value)
                {
                    JsonSerializer.Serialize(writer, item, options);
                }

                writer.WriteEndArray();
            }
        }
    }

    /// <summary>
    /// Writes a selector that matches nothing as null. A default spread constraint has no selector of its
    /// own (it is deduced per pod): the catalogue leaves it at <see cref="LabelSelector.Nothing"/> as
    /// <c>PodTopologySpreadArgs</c> documents, the reader at null; the plugin treats both alike.
    /// </summary>
    private sealed class NothingSelectorAsNull : JsonConverter<LabelSelector>
    {
        public override LabelSelector Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, LabelSelector value, JsonSerializerOptions options)
        {
            if (value.MatchesNothing)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStringValue(value.ToString());
            }
        }
    }
}
