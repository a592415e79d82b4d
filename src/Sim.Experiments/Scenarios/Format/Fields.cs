using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Scenarios.Format;

/// <summary>The known keys of one mapping with their values (sweep values already in place); null values count as absent.</summary>
internal sealed class Fields(YamlMappingNode mapping, string path, Dictionary<string, YamlNode> values, bool hadUnknown)
{
    /// <summary>True when the mapping had a key the set does not know (already reported).</summary>
    public bool HadUnknown { get; } = hadUnknown;

    public YamlMappingNode Mapping { get; } = mapping;

    /// <summary>The mapping's field path (empty for the document).</summary>
    public string Path { get; } = path;

    public Mark Start => Mapping.Start;

    /// <summary>The value of <paramref name="name"/>, or null when it is absent or null.</summary>
    public YamlNode? this[string name] => values.GetValueOrDefault(name);

    public bool Has(string name) => values.ContainsKey(name);

    /// <summary>The path of a field of this mapping.</summary>
    public string PathOf(string name) => Path.Length == 0 ? name : $"{Path}.{name}";
}
