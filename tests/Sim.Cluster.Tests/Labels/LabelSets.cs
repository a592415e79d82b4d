using Sim.Cluster.Labels;

namespace Sim.Cluster.Tests.Labels;

/// <summary>Builds label sets from alternating keys and values, without going through a parser.</summary>
internal static class LabelSets
{
    public static LabelSet Of(params string[] keysAndValues)
    {
        Assert.That(keysAndValues.Length % 2, Is.Zero, "keys and values come in pairs");
        var pairs = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < keysAndValues.Length; i += 2)
        {
            pairs.Add(new KeyValuePair<string, string>(keysAndValues[i], keysAndValues[i + 1]));
        }

        return LabelSet.Create(pairs);
    }
}
