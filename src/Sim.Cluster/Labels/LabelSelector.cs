using System.Collections.ObjectModel;
using System.Text;

namespace Sim.Cluster.Labels;

/// <summary>
/// A label selector: requirements that must all hold (upstream's <c>labels.Selector</c>). Immutable;
/// requirements are kept sorted by key so that equal selectors print the same.
/// </summary>
/// <remarks>
/// <para>
/// Three ways in: <see cref="TryParse"/> reads the string form (<c>"app=web,tier in (a,b),!canary"</c>)
/// as <c>labels.Parse</c> does; <see cref="TryCreate"/> reads the structured API form
/// (<c>matchLabels</c> and <c>matchExpressions</c>) as <c>metav1.LabelSelectorAsSelector</c> does;
/// <see cref="FromSet"/> selects exactly the given labels, like a ReplicationController's selector.
/// </para>
/// <para>
/// <see cref="Everything"/> has no requirements and matches every label set; <see cref="Nothing"/>
/// matches none (it is what a null structured selector means). <see cref="Matches(LabelSet)"/> allocates
/// nothing, so it can run in the scheduler's loops.
/// </para>
/// </remarks>
public sealed class LabelSelector : IEquatable<LabelSelector>
{
    private readonly LabelRequirement[] _requirements;
    private readonly bool _matchesNothing;
    private readonly int _hashCode;

    private LabelSelector(LabelRequirement[] sortedRequirements, bool matchesNothing)
    {
        _requirements = sortedRequirements;
        _matchesNothing = matchesNothing;
        Requirements = new ReadOnlyCollection<LabelRequirement>(sortedRequirements);
        var hash = new LabelHash();
        hash.Add(matchesNothing ? 1 : 0);
        foreach (var requirement in sortedRequirements)
        {
            hash.Add(requirement.GetHashCode());
        }

        _hashCode = hash.ToHashCode();
    }

    /// <summary>The selector with no requirements: it matches every label set.</summary>
    public static LabelSelector Everything { get; } = new([], matchesNothing: false);

    /// <summary>The selector that matches no label set, not even the empty one.</summary>
    public static LabelSelector Nothing { get; } = new([], matchesNothing: true);

    /// <summary>The requirements, sorted by key (in the order given among equal keys); empty for <see cref="Nothing"/>.</summary>
    public IReadOnlyList<LabelRequirement> Requirements { get; }

    /// <summary>
    /// Whether the selector does not restrict anything, i.e. has no requirements (upstream's
    /// <c>Empty()</c>). False for <see cref="Nothing"/>.
    /// </summary>
    public bool IsEmpty => _requirements.Length == 0 && !_matchesNothing;

    /// <summary>Whether this is <see cref="Nothing"/>, the selector that matches no label set.</summary>
    public bool MatchesNothing => _matchesNothing;

    /// <summary>
    /// Reads a selector in upstream's string syntax: requirements separated by commas, each
    /// <c>key</c>, <c>!key</c>, <c>key=value</c>, <c>key==value</c>, <c>key!=value</c>,
    /// <c>key&gt;integer</c>, <c>key&lt;integer</c>, <c>key in (v1,v2)</c> or <c>key notin (v1,v2)</c>,
    /// with spaces, tabs and line breaks allowed between tokens. The empty string selects everything.
    /// On failure <paramref name="selector"/> is <see cref="Nothing"/> and <paramref name="error"/>
    /// gives the position (0-based) and text of the offending token or requirement and what was
    /// expected; on success <paramref name="error"/> is empty.
    /// </summary>
    /// <example><c>LabelSelector.TryParse("x=a,y in (b,c),!z", out var selector, out var error)</c></example>
    public static bool TryParse(string text, out LabelSelector selector, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!LabelSelectorParser.TryParse(text, out var requirements, out error))
        {
            selector = Nothing;
            return false;
        }

        selector = Everything.Add(requirements);
        return true;
    }

    /// <summary>Reads a selector known to be valid, such as a literal in code; see <see cref="TryParse"/>.</summary>
    /// <exception cref="FormatException">When <paramref name="text"/> is not a valid selector.</exception>
    public static LabelSelector Parse(string text) =>
        TryParse(text, out var selector, out var error)
            ? selector
            : throw new FormatException($"Invalid label selector {FieldError.Quote(text)}: {error}");

    /// <summary>
    /// Builds a selector from the structured API form, as <c>metav1.LabelSelectorAsSelector</c> does:
    /// a null <paramref name="spec"/> selects nothing, one without labels or expressions selects
    /// everything; otherwise every <c>matchLabels</c> entry is a <c>key=value</c> requirement and every
    /// <c>matchExpressions</c> entry an <c>In</c>, <c>NotIn</c>, <c>Exists</c> or <c>DoesNotExist</c>
    /// requirement. On failure <paramref name="selector"/> is <see cref="Nothing"/> and
    /// <paramref name="error"/> names every offending field (e.g. <c>matchExpressions[1].values</c>),
    /// joined by "; ", and what was expected; on success <paramref name="error"/> is empty.
    /// </summary>
    public static bool TryCreate(LabelSelectorSpec? spec, out LabelSelector selector, out string error) =>
        StructuredSelector.TryConvert(spec, out selector, out error);

    /// <summary>
    /// The selector that requires every label of <paramref name="labels"/> with its value
    /// (upstream's <c>SelectorFromSet</c>); <see cref="Everything"/> for the empty set.
    /// </summary>
    public static LabelSelector FromSet(LabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0)
        {
            return Everything;
        }

        var requirements = new LabelRequirement[labels.Count];
        var i = 0;
        foreach (var (key, value) in labels)
        {
            requirements[i++] = LabelRequirement.CreateValidated(key, SelectorOperator.Equal, [value]);
        }

        return new LabelSelector(requirements, matchesNothing: false);
    }

    /// <summary>
    /// A selector with these requirements added to this one's, sorted by key (upstream's <c>Add</c>).
    /// Adding to <see cref="Nothing"/> gives <see cref="Nothing"/>.
    /// </summary>
    public LabelSelector Add(params IEnumerable<LabelRequirement> requirements)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        if (_matchesNothing)
        {
            return this;
        }

        LabelRequirement[] all = [.. _requirements, .. requirements];
        foreach (var requirement in all)
        {
            ArgumentNullException.ThrowIfNull(requirement, nameof(requirements));
        }

        if (all.Length == _requirements.Length)
        {
            return this;
        }

        Ordinal.SortByKey(all);
        return new LabelSelector(all, matchesNothing: false);
    }

    /// <summary>Whether <paramref name="labels"/> satisfy every requirement. Allocates nothing.</summary>
    public bool Matches(LabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return MatchesAny(labels);
    }

    /// <summary>
    /// Whether a label map (e.g. an object's metadata labels, already validated by the API server)
    /// satisfies every requirement. Allocates nothing for a class map.
    /// </summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return MatchesAny(labels);
    }

    private bool MatchesAny<TLabels>(TLabels labels)
        where TLabels : IReadOnlyDictionary<string, string>
    {
        if (_matchesNothing)
        {
            return false;
        }

        foreach (var requirement in _requirements)
        {
            if (!requirement.MatchesAny(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A label every label set the selector matches carries: the first requirement that pins a key to one
    /// value (<c>=</c>, <c>==</c>, or <c>in</c> with one value); null when none does.
    /// </summary>
    public (string Key, string Value)? PinnedLabel()
    {
        foreach (var requirement in _requirements)
        {
            if (requirement.Operator is SelectorOperator.Equal or SelectorOperator.DoubleEqual
                || (requirement.Operator == SelectorOperator.In && requirement.Values.Count == 1))
            {
                return (requirement.Key, requirement.Values[0]);
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the selector pins label <paramref name="key"/> to a single value (upstream's
    /// <c>RequiresExactMatch</c>): the first requirement on that key is <c>=</c>, <c>==</c> or
    /// <c>in</c> with exactly one value. <paramref name="value"/> is that value, or empty.
    /// </summary>
    public bool TryGetExactMatch(string key, out string value)
    {
        foreach (var requirement in _requirements)
        {
            if (!string.Equals(requirement.Key, key, StringComparison.Ordinal))
            {
                continue;
            }

            if (requirement.Operator is SelectorOperator.Equal or SelectorOperator.DoubleEqual or SelectorOperator.In
                && requirement.Values.Count == 1)
            {
                value = requirement.Values[0];
                return true;
            }

            break;
        }

        value = string.Empty;
        return false;
    }

    /// <summary>Whether both selectors have the same requirements in the same order (and both or neither is <see cref="Nothing"/>).</summary>
    public bool Equals(LabelSelector? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other._hashCode != _hashCode || other._matchesNothing != _matchesNothing
            || other._requirements.Length != _requirements.Length)
        {
            return false;
        }

        for (var i = 0; i < _requirements.Length; i++)
        {
            if (!_requirements[i].Equals(other._requirements[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LabelSelector);

    /// <summary>A hash code that is the same in every process (unlike string hash codes).</summary>
    public override int GetHashCode() => _hashCode;

    /// <summary>
    /// The canonical string form, as upstream prints it: the requirements in key order, joined by
    /// commas (<c>x in (a,b),y!=c,!z</c>). Empty for <see cref="Everything"/> and, as upstream,
    /// for <see cref="Nothing"/>. A parsed selector prints as its input without spaces, with keys
    /// and values sorted.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (var i = 0; i < _requirements.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            _requirements[i].AppendTo(text);
        }

        return text.ToString();
    }
}
