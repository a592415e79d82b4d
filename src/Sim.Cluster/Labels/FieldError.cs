using System.Globalization;
using System.Text;

namespace Sim.Cluster.Labels;

/// <summary>
/// Error messages in the shape of apimachinery's <c>field.Error</c>:
/// <c>matchExpressions[1].values: Required value: ...</c>. The path names the offending field; the
/// rest says what was found and what was expected.
/// </summary>
internal static class FieldError
{
    public static string Invalid(string path, string value, string detail) =>
        $"{path}: Invalid value: {Quote(value)}: {detail}";

    public static string Invalid(string path, IReadOnlyList<string> values, string detail) =>
        $"{path}: Invalid value: {QuoteList(values)}: {detail}";

    public static string Required(string path, string detail) => $"{path}: Required value: {detail}";

    public static string Forbidden(string path, string detail) => $"{path}: Forbidden: {detail}";

    public static string Unsupported(string path, string value, IReadOnlyList<string> supported) =>
        $"{path}: Unsupported value: {Quote(value)}: supported values: {string.Join(", ", supported.Select(Quote))}";

    /// <summary>Several errors as one message, as upstream's aggregate prints them when there is more than one.</summary>
    public static string Join(IReadOnlyList<string> errors) =>
        errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors) + "]";

    /// <summary>A double-quoted string with quotes, backslashes and control characters escaped.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    private static string QuoteList(IReadOnlyList<string> values) => "[" + string.Join(", ", values.Select(Quote)) + "]";
}
