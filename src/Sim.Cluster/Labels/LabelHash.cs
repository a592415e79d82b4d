namespace Sim.Cluster.Labels;

/// <summary>
/// FNV-1a over strings' UTF-16 code units: the same hash codes in every process, unlike
/// <c>string.GetHashCode()</c>, which .NET randomizes per process.
/// </summary>
internal struct LabelHash
{
    private const uint Prime = 16777619;
    private uint _hash;

    public LabelHash() => _hash = 2166136261;

    public void Add(string text)
    {
        foreach (var c in text)
        {
            _hash = (_hash ^ c) * Prime;
        }

        // A separator, so that ("ab", "c") and ("a", "bc") hash differently.
        _hash = (_hash ^ 0xFFFF) * Prime;
    }

    public void Add(int value) => _hash = (_hash ^ (uint)value) * Prime;

    public readonly int ToHashCode() => unchecked((int)_hash);
}
