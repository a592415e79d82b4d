using System.Collections;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;

namespace Sim.Cluster.Labels;

/// <summary>
/// An immutable set of labels: valid keys, each with a valid value (see <see cref="LabelValidation"/>).
/// The Kubernetes <c>labels.Set</c>, stored as two arrays sorted by key in ordinal order, so lookups
/// are binary searches that allocate nothing and enumeration is deterministic.
/// </summary>
/// <example>
/// <code>
/// var labels = LabelSet.Parse("app=web,tier=frontend");
/// if (!LabelSet.TryCreate(podLabelsFromYaml, out var podLabels, out var error)) { /* report error */ }
/// </code>
/// </example>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Kubernetes calls it a label set (labels.Set); 'LabelDictionary' would hide the domain name.")]
public sealed partial class LabelSet : IReadOnlyDictionary<string, string>, IEquatable<LabelSet>
{
    private readonly string[] _keys;
    private readonly string[] _values;
    private readonly int _hashCode;

    private LabelSet(string[] sortedKeys, string[] values)
    {
        _keys = sortedKeys;
        _values = values;
        Keys = new ReadOnlyCollection<string>(sortedKeys);
        Values = new ReadOnlyCollection<string>(values);
        var hash = new LabelHash();
        for (var i = 0; i < sortedKeys.Length; i++)
        {
            hash.Add(sortedKeys[i]);
            hash.Add(values[i]);
        }

        _hashCode = hash.ToHashCode();
    }

    /// <summary>The set with no labels.</summary>
    public static LabelSet Empty { get; } = new([], []);

    /// <summary>The number of labels.</summary>
    public int Count => _keys.Length;

    /// <summary>The keys, in ordinal order.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The values, in the order of <see cref="Keys"/>.</summary>
    public IReadOnlyList<string> Values { get; }

    IEnumerable<string> IReadOnlyDictionary<string, string>.Keys => Keys;

    IEnumerable<string> IReadOnlyDictionary<string, string>.Values => Values;

    /// <summary>The value of label <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">When there is no such label.</exception>
    public string this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"There is no label {FieldError.Quote(key)}.");

    /// <summary>
    /// Validates <paramref name="labels"/> and makes a set of them. On failure
    /// <paramref name="set"/> is <see cref="Empty"/> and <paramref name="error"/> names every invalid
    /// key and value (joined by "; ") and what was expected; on success <paramref name="error"/> is empty.
    /// </summary>
    /// <exception cref="ArgumentNullException">When <paramref name="labels"/>, a key or a value is null.</exception>
    public static bool TryCreate(IEnumerable<KeyValuePair<string, string>> labels, out LabelSet set, out string error)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var keys = new List<string>();
        var values = new List<string>();
        List<string>? errors = null;
        foreach (var (key, value) in labels)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(labels));
            ArgumentNullException.ThrowIfNull(value, nameof(labels));
            if (LabelValidation.KeyProblem(key) is { } keyProblem)
            {
                (errors ??= []).Add($"invalid label key {FieldError.Quote(key)}: {keyProblem}");
            }

            if (LabelValidation.ValueProblem(value) is { } valueProblem)
            {
                (errors ??= []).Add($"invalid label value {FieldError.Quote(value)} for key {FieldError.Quote(key)}: {valueProblem}");
            }

            keys.Add(key);
            values.Add(value);
        }

        var sortedKeys = keys.ToArray();
        var sortedValues = values.ToArray();
        Array.Sort(sortedKeys, sortedValues, StringComparer.Ordinal);
        for (var i = 1; i < sortedKeys.Length; i++)
        {
            if (string.Equals(sortedKeys[i - 1], sortedKeys[i], StringComparison.Ordinal))
            {
                (errors ??= []).Add($"duplicate label key {FieldError.Quote(sortedKeys[i])}");
            }
        }

        if (errors is not null)
        {
            set = Empty;
            error = string.Join("; ", errors);
            return false;
        }

        set = sortedKeys.Length == 0 ? Empty : new LabelSet(sortedKeys, sortedValues);
        error = string.Empty;
        return true;
    }

    /// <summary>Makes a set of labels known to be valid, such as literals in code.</summary>
    /// <exception cref="ArgumentException">When a key or value is invalid or a key repeats.</exception>
    public static LabelSet Create(IEnumerable<KeyValuePair<string, string>> labels) =>
        TryCreate(labels, out var set, out var error) ? set : throw new ArgumentException(error, nameof(labels));

    /// <summary>
    /// Reads labels written as <c>key=value</c> pairs separated by commas, with optional spaces
    /// around keys and values (<c>"app=web, tier = frontend"</c>), as upstream's
    /// <c>ConvertSelectorToLabelsMap</c> does: the empty string is the empty set, a repeated key keeps
    /// its last value. On failure <paramref name="set"/> is <see cref="Empty"/> and
    /// <paramref name="error"/> names the first bad pair, key or value and what was expected.
    /// </summary>
    public static bool TryParse(string text, out LabelSet set, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        set = Empty;
        error = string.Empty;
        if (text.Length == 0)
        {
            return true;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(','))
        {
            var parts = pair.Split('=');
            if (parts.Length != 2)
            {
                error = $"{FieldError.Quote(pair)}: expected key=value";
                return false;
            }

            var key = parts[0].Trim();
            if (LabelValidation.KeyProblem(key) is { } keyProblem)
            {
                error = $"invalid label key {FieldError.Quote(key)}: {keyProblem}";
                return false;
            }

            var value = parts[1].Trim();
            if (LabelValidation.ValueProblem(value) is { } valueProblem)
            {
                error = $"invalid label value {FieldError.Quote(value)} for key {FieldError.Quote(key)}: {valueProblem}";
                return false;
            }

            labels[key] = value;
        }

        return TryCreate(labels, out set, out error);
    }

    /// <summary>Reads labels known to be valid, such as literals in code; see <see cref="TryParse"/>.</summary>
    /// <exception cref="FormatException">When <paramref name="text"/> is not a valid list of labels.</exception>
    public static LabelSet Parse(string text) =>
        TryParse(text, out var set, out var error) ? set : throw new FormatException($"Invalid labels {FieldError.Quote(text)}: {error}");

    /// <summary>Whether there is a label <paramref name="key"/> (with any value, the empty one included).</summary>
    public bool ContainsKey(string key) => Ordinal.IndexOf(_keys, key) >= 0;

    /// <summary>The value of label <paramref name="key"/>, if there is such a label.</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var index = Ordinal.IndexOf(_keys, key);
        if (index < 0)
        {
            value = null;
            return false;
        }

        value = _values[index];
        return true;
    }

    /// <summary>
    /// Whether the two sets give some key different values (upstream's <c>labels.Conflicts</c>).
    /// Keys present in only one set never conflict.
    /// </summary>
    public bool ConflictsWith(LabelSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        int i = 0, j = 0;
        while (i < _keys.Length && j < other._keys.Length)
        {
            var order = string.CompareOrdinal(_keys[i], other._keys[j]);
            if (order == 0)
            {
                if (!string.Equals(_values[i], other._values[j], StringComparison.Ordinal))
                {
                    return true;
                }

                i++;
                j++;
            }
            else if (order < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return false;
    }

    /// <summary>
    /// The labels of both sets; where both have a key, <paramref name="other"/>'s value wins
    /// (upstream's <c>labels.Merge</c>).
    /// </summary>
    public LabelSet Merge(LabelSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0)
        {
            return this;
        }

        if (Count == 0)
        {
            return other;
        }

        var keys = new List<string>(_keys.Length + other._keys.Length);
        var values = new List<string>(keys.Capacity);
        int i = 0, j = 0;
        while (i < _keys.Length || j < other._keys.Length)
        {
            var order = i == _keys.Length ? 1 : j == other._keys.Length ? -1 : string.CompareOrdinal(_keys[i], other._keys[j]);
            if (order < 0)
            {
                keys.Add(_keys[i]);
                values.Add(_values[i++]);
            }
            else
            {
                keys.Add(other._keys[j]);
                values.Add(other._values[j++]);
                if (order == 0)
                {
                    i++;
                }
            }
        }

        return new LabelSet([.. keys], [.. values]);
    }

    /// <summary>Enumerates the labels in ordinal key order, without allocating.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<KeyValuePair<string, string>> IEnumerable<KeyValuePair<string, string>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Whether both sets hold the same keys with the same values.</summary>
    public bool Equals(LabelSet? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other._keys.Length != _keys.Length || other._hashCode != _hashCode)
        {
            return false;
        }

        for (var i = 0; i < _keys.Length; i++)
        {
            if (!string.Equals(_keys[i], other._keys[i], StringComparison.Ordinal)
                || !string.Equals(_values[i], other._values[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LabelSet);

    /// <summary>A hash code that is the same in every process (unlike string hash codes).</summary>
    public override int GetHashCode() => _hashCode;

    /// <summary>
    /// The labels as <c>key=value</c> pairs joined by commas, the pairs sorted in ordinal order (as
    /// upstream's <c>Set.String</c> sorts them); the empty string for the empty set. The result parses
    /// back with <see cref="Parse"/> and, as a selector, with <see cref="LabelSelector.Parse"/>.
    /// </summary>
    public override string ToString()
    {
        var pairs = new string[_keys.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            pairs[i] = _keys[i] + "=" + _values[i];
        }

        Array.Sort(pairs, StringComparer.Ordinal);
        return string.Join(",", pairs);
    }
}
