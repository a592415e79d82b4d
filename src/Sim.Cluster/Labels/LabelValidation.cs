using System.Text;

namespace Sim.Cluster.Labels;

/// <summary>
/// Kubernetes' rules for label keys and values, as <c>k8s.io/apimachinery/pkg/util/validation</c>
/// checks them (<c>IsQualifiedName</c> and <c>IsValidLabelValue</c>), with upstream's wording for
/// what was expected.
/// </summary>
/// <remarks>
/// <para>
/// A key is an optional prefix and a name, separated by '/'. The prefix, when present, is a
/// lowercase RFC 1123 DNS subdomain of at most 253 characters (<c>example.com</c>). The name has
/// 1 to 63 characters from <c>[A-Za-z0-9-_.]</c> and starts and ends with a letter or digit.
/// </para>
/// <para>
/// A value is empty, or 1 to 63 characters from <c>[A-Za-z0-9-_.]</c> that start and end with a
/// letter or digit. Lengths count UTF-8 bytes, as Go does; any non-ASCII character is invalid anyway.
/// </para>
/// </remarks>
public static class LabelValidation
{
    /// <summary>The longest name part of a key, in characters.</summary>
    public const int MaxNameLength = 63;

    /// <summary>The longest prefix part of a key (a DNS subdomain), in characters.</summary>
    public const int MaxPrefixLength = 253;

    /// <summary>The longest value, in characters.</summary>
    public const int MaxValueLength = 63;

    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string QualifiedNameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    private const string QualifiedNameRegexError =
        QualifiedNameMessage + " (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '" + QualifiedNameFormat + "')";

    private const string SubdomainRegexError =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
        + " (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private const string ValueRegexError =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
        + " (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(" + QualifiedNameFormat + ")?')";

    private const string TooManySlashesError =
        "a qualified name " + QualifiedNameRegexError + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";

    /// <summary>
    /// Whether <paramref name="key"/> is a valid label key. When it is not, <paramref name="error"/>
    /// names the key and says what was expected; otherwise it is empty.
    /// </summary>
    public static bool IsValidKey(string key, out string error)
    {
        ArgumentNullException.ThrowIfNull(key);
        var problem = KeyProblem(key);
        error = problem is null ? string.Empty : $"invalid label key {FieldError.Quote(key)}: {problem}";
        return problem is null;
    }

    /// <summary>
    /// Whether <paramref name="value"/> is a valid label value. When it is not, <paramref name="error"/>
    /// names the value and says what was expected; otherwise it is empty.
    /// </summary>
    public static bool IsValidValue(string value, out string error)
    {
        ArgumentNullException.ThrowIfNull(value);
        var problem = ValueProblem(value);
        error = problem is null ? string.Empty : $"invalid label value {FieldError.Quote(value)}: {problem}";
        return problem is null;
    }

    /// <summary>What is wrong with a key, in upstream's words ("; " between problems), or null.</summary>
    internal static string? KeyProblem(string key)
    {
        List<string>? problems = null;
        ReadOnlySpan<char> name = key;
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (key.IndexOf('/', slash + 1) >= 0)
            {
                return TooManySlashesError;
            }

            var prefix = key.AsSpan(0, slash);
            name = key.AsSpan(slash + 1);
            if (prefix.IsEmpty)
            {
                Add(ref problems, "prefix part must be non-empty");
            }
            else
            {
                if (Encoding.UTF8.GetByteCount(prefix) > MaxPrefixLength)
                {
                    Add(ref problems, "prefix part " + MaxLengthError(MaxPrefixLength));
                }

                if (!IsDnsSubdomain(prefix))
                {
                    Add(ref problems, "prefix part " + SubdomainRegexError);
                }
            }
        }

        if (name.IsEmpty)
        {
            Add(ref problems, "name part must be non-empty");
        }
        else if (Encoding.UTF8.GetByteCount(name) > MaxNameLength)
        {
            Add(ref problems, "name part " + MaxLengthError(MaxNameLength));
        }

        if (!IsQualifiedNamePart(name))
        {
            Add(ref problems, "name part " + QualifiedNameRegexError);
        }

        return problems is null ? null : string.Join("; ", problems);
    }

    /// <summary>What is wrong with a value, in upstream's words ("; " between problems), or null.</summary>
    internal static string? ValueProblem(string value)
    {
        List<string>? problems = null;
        if (Encoding.UTF8.GetByteCount(value) > MaxValueLength)
        {
            Add(ref problems, MaxLengthError(MaxValueLength));
        }

        if (value.Length != 0 && !IsQualifiedNamePart(value))
        {
            Add(ref problems, ValueRegexError);
        }

        return problems is null ? null : string.Join("; ", problems);
    }

    private static string MaxLengthError(int length) => $"must be no more than {length} characters";

    private static void Add(ref List<string>? problems, string problem) => (problems ??= []).Add(problem);

    /// <summary><c>([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]</c>, anchored at both ends.</summary>
    private static bool IsQualifiedNamePart(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || !char.IsAsciiLetterOrDigit(text[0]) || !char.IsAsciiLetterOrDigit(text[^1]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// <c>[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*</c>, anchored: dot-separated
    /// labels, each non-empty, of lowercase letters, digits and '-', starting and ending with a letter or digit.
    /// </summary>
    private static bool IsDnsSubdomain(ReadOnlySpan<char> text)
    {
        while (true)
        {
            var dot = text.IndexOf('.');
            var label = dot < 0 ? text : text[..dot];
            if (label.IsEmpty || !IsLowerAlphanumeric(label[0]) || !IsLowerAlphanumeric(label[^1]))
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!IsLowerAlphanumeric(c) && c != '-')
                {
                    return false;
                }
            }

            if (dot < 0)
            {
                return true;
            }

            text = text[(dot + 1)..];
        }
    }

    private static bool IsLowerAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
