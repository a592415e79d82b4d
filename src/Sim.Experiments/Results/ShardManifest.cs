using System.Text.Json;

namespace Sim.Experiments.Results;

/// <summary>
/// <c>shard.json</c>, written next to a shard's outputs: which runs of which grid the shard holds,
/// so <c>sim merge</c> can put them back in grid order and tell when one is missing.
/// </summary>
public sealed record ShardManifest
{
    /// <summary>The file name.</summary>
    public const string FileName = "shard.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The scenario file's name.</summary>
    public required string Scenario { get; init; }

    /// <summary><c>K/N</c>.</summary>
    public required string Shard { get; init; }

    /// <summary>Runs in the whole grid.</summary>
    public required int TotalRuns { get; init; }

    /// <summary>The grid indices of this shard's runs, in the order of its rows.</summary>
    public required IReadOnlyList<int> Runs { get; init; }

    /// <summary>Writes the manifest into <paramref name="directory"/>.</summary>
    public void WriteTo(string directory) =>
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>Reads a manifest from <paramref name="directory"/>.</summary>
    /// <exception cref="InvalidDataException">Missing or malformed; the message names the file.</exception>
    public static ShardManifest ReadFrom(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: missing; expected the output folder of 'sim run --shard K/N'");
        }

        ShardManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ShardManifest>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{path}: empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{e.LineNumber + 1}: {e.Message}", e);
        }

        // The deserializer lets JSON null through for the required properties, and any int for the count.
        foreach (var (name, value) in new (string, object?)[] { ("scenario", manifest.Scenario), ("shard", manifest.Shard), ("runs", manifest.Runs) })
        {
            if (value is null)
            {
                throw new InvalidDataException($"{path}: '{name}' is null; expected the value 'sim run --shard K/N' writes");
            }
        }

        if (manifest.TotalRuns < 0)
        {
            throw new InvalidDataException($"{path}: 'total_runs' is {manifest.TotalRuns}; expected the number of runs of the grid (not negative)");
        }

        return manifest;
    }
}
