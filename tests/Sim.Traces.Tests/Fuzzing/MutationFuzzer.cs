using System.Text;

namespace Sim.Traces.Tests.Fuzzing;

/// <summary>
/// A deterministic mutation fuzzer: from a seeded generator, it applies one to four mutations to a valid
/// seed input — truncation, duplicated or deleted lines, random or non-UTF-8 bytes, flipped bits,
/// a field replaced by a hostile value (huge or negative numbers, NaN, quotes, YAML tags, 10,000
/// characters), deleted or added separators, changed line endings, splices of other seeds, a chunk
/// repeated a thousand times, a line longer than any reader's cap. The same seed gives the same inputs.
/// </summary>
internal sealed class MutationFuzzer(int seed, IReadOnlyList<byte[]> seeds)
{
    private static readonly string[] HostileFields =
    [
        "", "-1", "0", "-0", "+1", "1.5", "1e3", "1e400", "-1e400", "NaN", "Infinity", "-Infinity", "0x10", " 1", "1 ",
        "99999999999999999999999", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "2147483648",
        "\u0663", "\u00a0", "\"", "a\"b", "\"quoted,field\"", "|", "||", "a|", "null", "~", "true", "{", "}", "[", "]",
        "{}", "[]", "*anchor", "&anchor x", "!!binary AA==", "!!int x", "? ", "- ", ": ", "#", "%YAML 1.1", "---", "...",
        "<<: *a", "\t", "\0", "\\", "\r", "1Ei", "1Pi", "100000000000000Ei", "-100m", "0.000000001n", "1e-1000",
        new string('a', 10_000), new string('9', 300),
    ];

    private static readonly byte[][] NotUtf8 =
    [
        [0xFF], [0xFE], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0xEF, 0xBB, 0xBF],
    ];

    private static readonly byte[] Separators = ",\n:| -\r\t"u8.ToArray();

    private readonly Random _random = new(seed);

    /// <summary>A new input and the names of the mutations that made it.</summary>
    public (byte[] Input, string Mutations) Next()
    {
        var input = new List<byte>(seeds[_random.Next(seeds.Count)]);
        var count = 1 + _random.Next(4);
        var names = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            names.Append(i == 0 ? "" : " + ").Append(Mutate(input));
        }

        return (input.ToArray(), names.ToString());
    }

    private string Mutate(List<byte> input)
    {
        switch (_random.Next(16))
        {
            case 0:
                var cut = Position(input);
                input.RemoveRange(cut, input.Count - cut);
                return "truncate";
            case 1:
                return EditLine(input, duplicate: true);
            case 2:
                return EditLine(input, duplicate: false);
            case 3:
                input.InsertRange(Position(input), Enumerable.Range(0, 1 + _random.Next(16)).Select(_ => (byte)_random.Next(256)));
                return "insert random bytes";
            case 4:
                if (input.Count > 0)
                {
                    input[_random.Next(input.Count)] = (byte)_random.Next(256);
                }

                return "overwrite a byte";
            case 5:
                if (input.Count > 0)
                {
                    var at = _random.Next(input.Count);
                    input[at] ^= (byte)(1 << _random.Next(8));
                }

                return "flip a bit";
            case 6:
            case 7:
            case 8:
                return ReplaceField(input);
            case 9:
                var separator = input.FindIndex(Position(input), b => Separators.Contains(b));
                if (separator >= 0)
                {
                    input.RemoveAt(separator);
                }

                return "delete a separator";
            case 10:
                input.Insert(Position(input), Separators[_random.Next(Separators.Length)]);
                return "insert a separator";
            case 11:
                input.InsertRange(Position(input), NotUtf8[_random.Next(NotUtf8.Length)]);
                return "insert bytes that are not UTF-8";
            case 12:
                var other = seeds[_random.Next(seeds.Count)];
                var from = _random.Next(other.Length + 1);
                var length = _random.Next(other.Length - from + 1);
                input.InsertRange(Position(input), other.AsSpan(from, length).ToArray());
                return "splice another seed";
            case 13:
                var start = Position(input);
                var chunk = input.Skip(start).Take(1 + _random.Next(20)).ToArray();
                var times = _random.Next(2) == 0 ? 1_000 : 20;
                for (var i = 0; i < times && chunk.Length > 0; i++)
                {
                    input.InsertRange(start, chunk);
                }

                return $"repeat a chunk {times} times";
            case 14:
                for (var i = 0; i < input.Count; i++)
                {
                    if (input[i] == '\n' && _random.Next(2) == 0)
                    {
                        input[i] = (byte)'\r';
                    }
                }

                return "turn line feeds into carriage returns";
            default:
                input.InsertRange(Position(input), Enumerable.Repeat((byte)'7', 70_000));
                return "insert a 70,000-character run";
        }
    }

    private int Position(List<byte> input) => _random.Next(input.Count + 1);

    private (int Start, int End) RandomLine(List<byte> input)
    {
        var at = Position(input);
        var start = at == 0 ? 0 : input.LastIndexOf((byte)'\n', at - 1) + 1;
        var end = input.IndexOf((byte)'\n', at);
        return (start, end < 0 ? input.Count : end + 1);
    }

    private string EditLine(List<byte> input, bool duplicate)
    {
        var (start, end) = RandomLine(input);
        if (duplicate)
        {
            var line = input.GetRange(start, end - start);
            input.InsertRange(_random.Next(2) == 0 ? start : end, line);
            return "duplicate a line";
        }

        input.RemoveRange(start, end - start);
        return "delete a line";
    }

    private string ReplaceField(List<byte> input)
    {
        var at = Position(input);
        var start = at;
        while (start > 0 && !Separators.Contains(input[start - 1]))
        {
            start--;
        }

        var end = at;
        while (end < input.Count && !Separators.Contains(input[end]))
        {
            end++;
        }

        var value = HostileFields[_random.Next(HostileFields.Length)];
        input.RemoveRange(start, end - start);
        input.InsertRange(start, Encoding.UTF8.GetBytes(value));
        return $"replace a field with '{(value.Length > 12 ? value[..12] + "…" : value)}'";
    }
}
