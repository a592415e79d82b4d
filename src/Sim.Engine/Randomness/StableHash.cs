namespace Sim.Engine.Randomness;

/// <summary>
/// FNV-1a over a string's UTF-16 code units: the same value in every process and on every machine,
/// unlike <c>string.GetHashCode()</c>, which .NET randomizes per process.
/// </summary>
internal static class StableHash
{
    private const ulong OffsetBasis = 0xCBF29CE484222325UL;
    private const ulong Prime = 0x100000001B3UL;

    public static ulong Of(string text)
    {
        var hash = OffsetBasis;
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }

        return hash;
    }
}
