using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Sim.Cluster.Labels;

/// <summary>
/// One condition on a set of labels, such as <c>tier in (web,api)</c> or <c>!canary</c>: a key,
/// a <see cref="SelectorOperator"/> and values. Upstream's <c>labels.Requirement</c>; immutable,
/// and valid by construction.
/// </summary>
/// <remarks>
/// Matching follows upstream exactly: <c>in</c>, <c>=</c> and <c>==</c> need the label present with
/// one of the values; <c>notin</c> and <c>!=</c> also match when the label is absent; <c>gt</c> and
/// <c>lt</c> need the label present with an integer value beyond the bound.
/// </remarks>
public sealed class LabelRequirement : IEquatable<LabelRequirement>
{
    private readonly string[] _values;
    private readonly long _bound;
    private readonly int _hashCode;

    private LabelRequirement(string key, SelectorOperator op, string[] sortedValues, long bound)
    {
        Key = key;
        Operator = op;
        _values = sortedValues;
        _bound = bound;
        Values = new ReadOnlyCollection<string>(sortedValues);
        var hash = new LabelHash();
        hash.Add(key);
        hash.Add((int)op);
        foreach (var value in sortedValues)
        {
            hash.Add(value);
        }

        _hashCode = hash.ToHashCode();
    }

    /// <summary>The label key the requirement is about.</summary>
    public string Key { get; }

    /// <summary>How the label's value must relate to <see cref="Values"/>.</summary>
    public SelectorOperator Operator { get; }

    /// <summary>The values, in ordinal order (a repeated value is kept); empty for <c>exists</c> and <c>!</c>.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>
    /// Checks the requirement as upstream's <c>NewRequirement</c> does and makes it: the key must be a
    /// valid label key; <c>in</c>/<c>notin</c> take one or more values, <c>=</c>, <c>==</c> and <c>!=</c>
    /// exactly one, <c>gt</c>/<c>lt</c> exactly one integer, <c>exists</c> and <c>!</c> none; every value
    /// must be a valid label value (the empty string is one). On failure <paramref name="requirement"/>
    /// is null and <paramref name="error"/> names each offending field (<c>key</c>, <c>operator</c>,
    /// <c>values</c>, <c>values[0]</c>) and what was expected; on success <paramref name="error"/> is empty.
    /// </summary>
    /// <exception cref="ArgumentNullException">When <paramref name="key"/> or a value is null.</exception>
    public static bool TryCreate(
        string key,
        SelectorOperator op,
        IEnumerable<string>? values,
        [NotNullWhen(true)] out LabelRequirement? requirement,
        out string error)
    {
        ArgumentNullException.ThrowIfNull(key);
        string[] list = values is null ? [] : [.. values];
        foreach (var value in list)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(values));
        }

        var errors = new List<string>();
        RequirementRules.Validate(key, op, list, errors);
        if (errors.Count > 0)
        {
            requirement = null;
            error = FieldError.Join(errors);
            return false;
        }

        requirement = CreateValidated(key, op, list);
        error = string.Empty;
        return true;
    }

    /// <summary>Makes a requirement known to be valid, such as a literal in code; see <see cref="TryCreate"/>.</summary>
    /// <exception cref="ArgumentException">When the requirement is invalid.</exception>
    public static LabelRequirement Create(string key, SelectorOperator op, params string[] values) =>
        TryCreate(key, op, values, out var requirement, out var error) ? requirement : throw new ArgumentException(error);

    /// <summary>Makes a requirement that <see cref="RequirementRules.Validate"/> accepts; copies the values.</summary>
    internal static LabelRequirement CreateValidated(string key, SelectorOperator op, IReadOnlyList<string> values)
    {
        string[] sorted = [.. values];
        Array.Sort(sorted, StringComparer.Ordinal);
        long bound = 0;
        if (op is SelectorOperator.GreaterThan or SelectorOperator.LessThan && !RequirementRules.TryParseInt64(sorted[0], out bound))
        {
            throw new InvalidOperationException($"Requirement on {key} was not validated: {sorted[0]} is not an integer.");
        }

        return new LabelRequirement(key, op, sorted, bound);
    }

    /// <summary>Whether <paramref name="labels"/> satisfy the requirement. Allocates nothing.</summary>
    public bool Matches(LabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return MatchesAny(labels);
    }

    /// <summary>Whether a label map (e.g. an object's metadata labels) satisfies the requirement. Allocates nothing.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return MatchesAny(labels);
    }

    internal bool MatchesAny<TLabels>(TLabels labels)
        where TLabels : IReadOnlyDictionary<string, string>
    {
        switch (Operator)
        {
            case SelectorOperator.In or SelectorOperator.Equal or SelectorOperator.DoubleEqual:
                return labels.TryGetValue(Key, out var value) && Ordinal.IndexOf(_values, value) >= 0;
            case SelectorOperator.NotIn or SelectorOperator.NotEqual:
                return !labels.TryGetValue(Key, out value) || Ordinal.IndexOf(_values, value) < 0;
            case SelectorOperator.Exists:
                return labels.ContainsKey(Key);
            case SelectorOperator.DoesNotExist:
                return !labels.ContainsKey(Key);
            case SelectorOperator.GreaterThan:
                return labels.TryGetValue(Key, out value) && RequirementRules.TryParseInt64(value, out var number) && number > _bound;
            case SelectorOperator.LessThan:
                return labels.TryGetValue(Key, out value) && RequirementRules.TryParseInt64(value, out number) && number < _bound;
            default:
                return false;
        }
    }

    /// <summary>Whether both requirements have the same key, operator and values.</summary>
    public bool Equals(LabelRequirement? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return other is not null
            && other._hashCode == _hashCode
            && Operator == other.Operator
            && string.Equals(Key, other.Key, StringComparison.Ordinal)
            && _values.AsSpan().SequenceEqual(other._values);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LabelRequirement);

    /// <summary>A hash code that is the same in every process (unlike string hash codes).</summary>
    public override int GetHashCode() => _hashCode;

    /// <summary>
    /// The requirement in selector syntax, as upstream prints it: <c>x in (a,b)</c>, <c>x notin (a)</c>,
    /// <c>x=a</c>, <c>x==a</c>, <c>x!=a</c>, <c>x&gt;1</c>, <c>x&lt;1</c>, <c>x</c>, <c>!x</c>; values in
    /// ordinal order, the empty value as nothing (<c>x in ()</c>, <c>x=</c>).
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        AppendTo(text);
        return text.ToString();
    }

    internal void AppendTo(StringBuilder text)
    {
        switch (Operator)
        {
            case SelectorOperator.Exists:
                text.Append(Key);
                return;
            case SelectorOperator.DoesNotExist:
                text.Append('!').Append(Key);
                return;
        }

        text.Append(Key).Append(Operator switch
        {
            SelectorOperator.In => " in (",
            SelectorOperator.NotIn => " notin (",
            SelectorOperator.Equal => "=",
            SelectorOperator.DoubleEqual => "==",
            SelectorOperator.NotEqual => "!=",
            SelectorOperator.GreaterThan => ">",
            SelectorOperator.LessThan => "<",
            _ => throw new InvalidOperationException($"Unknown operator {Operator}."),
        });
        text.AppendJoin(',', _values);
        if (Operator is SelectorOperator.In or SelectorOperator.NotIn)
        {
            text.Append(')');
        }
    }
}
