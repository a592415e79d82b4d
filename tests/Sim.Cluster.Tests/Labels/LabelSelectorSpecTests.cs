// Cases ported from kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers_test.go:
// TestLabelSelectorAsSelector. The error-reporting tests below it are ours; their field paths and
// wording follow upstream's ValidateLabelSelector (pkg/apis/meta/v1/validation).
using Sim.Cluster.Labels;

namespace Sim.Cluster.Tests.Labels;

public class LabelSelectorSpecTests
{
    private static readonly Dictionary<string, string> FooBar = new() { ["foo"] = "bar" };

    private static IEnumerable<TestCaseData> ConvertedSpecs()
    {
        var bazInQuxNorf = new[] { new LabelSelectorExpression { Key = "baz", Operator = "In", Values = ["qux", "norf"] } };
        yield return new TestCaseData(new LabelSelectorSpec { MatchLabels = FooBar }, "foo=bar").SetArgDisplayNames("matchLabels");
        yield return new TestCaseData(new LabelSelectorSpec { MatchExpressions = bazInQuxNorf }, "baz in (norf,qux)").SetArgDisplayNames("matchExpressions");
        yield return new TestCaseData(new LabelSelectorSpec { MatchLabels = FooBar, MatchExpressions = bazInQuxNorf }, "baz in (norf,qux),foo=bar")
            .SetArgDisplayNames("both");
    }

    private static IEnumerable<TestCaseData> InvalidSpecs()
    {
        yield return Invalid(
            "In without values",
            Expressions(new LabelSelectorExpression { Key = "app", Operator = "In" }),
            "matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'");
        yield return Invalid(
            "NotIn with an empty list",
            Expressions(new LabelSelectorExpression { Key = "app", Operator = "NotIn", Values = [] }),
            "matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'");
        yield return Invalid(
            "Exists with values",
            Expressions(new LabelSelectorExpression { Key = "baz", Operator = "Exists", Values = ["qux", "norf"] }),
            "matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
        yield return Invalid(
            "DoesNotExist with values",
            Expressions(new LabelSelectorExpression { Key = "baz", Operator = "DoesNotExist", Values = ["qux"] }),
            "matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
        yield return Invalid(
            "an operator of the string syntax",
            Expressions(new LabelSelectorExpression { Key = "replicas", Operator = "Gt", Values = ["1"] }),
            "matchExpressions[0].operator: Unsupported value: \"Gt\": supported values: \"In\", \"NotIn\", \"Exists\", \"DoesNotExist\"");
        yield return Invalid(
            "an operator in the wrong case",
            Expressions(new LabelSelectorExpression { Key = "app", Operator = "in", Values = ["web"] }),
            "matchExpressions[0].operator: Unsupported value: \"in\"");
        yield return Invalid(
            "a bad key in the second expression",
            Expressions(new LabelSelectorExpression { Key = "app", Operator = "Exists" }, new LabelSelectorExpression { Key = "-tier", Operator = "Exists" }),
            "matchExpressions[1].key: Invalid value: \"-tier\": name part must consist of alphanumeric characters");
        yield return Invalid(
            "a bad value",
            Expressions(new LabelSelectorExpression { Key = "app", Operator = "In", Values = ["web", "a b"] }),
            "matchExpressions[0].values[1]: Invalid value: \"a b\": a valid label must be an empty string or consist of");
        yield return Invalid(
            "a bad label key",
            new LabelSelectorSpec { MatchLabels = new Dictionary<string, string> { ["bad key"] = "x" } },
            "matchLabels: Invalid value: \"bad key\": name part must consist of");
        yield return Invalid(
            "a bad label value",
            new LabelSelectorSpec { MatchLabels = new Dictionary<string, string> { ["app"] = "$web" } },
            "matchLabels[app]: Invalid value: \"$web\": a valid label must be");
    }

    [Test]
    public void A_null_selector_selects_nothing()
    {
        var ok = LabelSelector.TryCreate(null, out var selector, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True, error);
            Assert.That(selector, Is.SameAs(LabelSelector.Nothing));
            Assert.That(selector.Matches(LabelSet.Empty), Is.False);
        });
    }

    [Test]
    public void An_empty_selector_selects_everything()
    {
        var empty = new LabelSelectorSpec { MatchLabels = new Dictionary<string, string>(), MatchExpressions = [] };

        Assert.Multiple(() =>
        {
            Assert.That(LabelSelector.TryCreate(new LabelSelectorSpec(), out var selector, out var error), Is.True, error);
            Assert.That(selector, Is.SameAs(LabelSelector.Everything));
            Assert.That(LabelSelector.TryCreate(empty, out var alsoEverything, out _), Is.True);
            Assert.That(alsoEverything, Is.SameAs(LabelSelector.Everything));
        });
    }

    [TestCaseSource(nameof(ConvertedSpecs))]
    public void Converts_labels_and_expressions_into_the_same_selector_as_the_string_form(LabelSelectorSpec spec, string equivalent)
    {
        var ok = LabelSelector.TryCreate(spec, out var selector, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True, error);
            Assert.That(selector, Is.EqualTo(LabelSelector.Parse(equivalent)));
            Assert.That(selector.ToString(), Is.EqualTo(equivalent));
        });
    }

    [Test]
    public void Exists_with_values_is_an_error()
    {
        var spec = Expressions(new LabelSelectorExpression { Key = "baz", Operator = "Exists", Values = ["qux", "norf"] });

        var ok = LabelSelector.TryCreate(spec, out var selector, out _);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(selector, Is.SameAs(LabelSelector.Nothing));
        });
    }

    [Test]
    public void Converting_leaves_the_spec_unchanged()
    {
        string[] values = ["qux", "norf"];
        var spec = Expressions(new LabelSelectorExpression { Key = "baz", Operator = "NotIn", Values = values });

        LabelSelector.TryCreate(spec, out _, out _);

        Assert.That(values, Is.EqualTo(new[] { "qux", "norf" }));
    }

    [TestCaseSource(nameof(InvalidSpecs))]
    public void Errors_name_the_field_and_what_was_expected(LabelSelectorSpec spec, string expected)
    {
        var ok = LabelSelector.TryCreate(spec, out var selector, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(selector, Is.SameAs(LabelSelector.Nothing));
            Assert.That(error, Does.StartWith(expected));
        });
    }

    [Test]
    public void Every_error_is_reported()
    {
        var spec = new LabelSelectorSpec
        {
            MatchLabels = new Dictionary<string, string> { ["ok"] = "fine", ["app"] = "$web" },
            MatchExpressions =
            [
                new LabelSelectorExpression { Key = "tier", Operator = "In" },
                new LabelSelectorExpression { Key = "-zone", Operator = "Exists" },
            ],
        };

        LabelSelector.TryCreate(spec, out _, out var error);

        Assert.That(error, Is.EqualTo(string.Join("; ",
            "matchLabels[app]: Invalid value: \"$web\": " + ValueError("$web"),
            "matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
            "matchExpressions[1].key: Invalid value: \"-zone\": " + KeyError("-zone"))));
    }

    [Test]
    public void A_selector_from_the_spec_matches_as_its_operators_say()
    {
        var spec = new LabelSelectorSpec
        {
            MatchLabels = new Dictionary<string, string> { ["app"] = "web" },
            MatchExpressions =
            [
                new LabelSelectorExpression { Key = "tier", Operator = "In", Values = ["frontend", "edge"] },
                new LabelSelectorExpression { Key = "env", Operator = "NotIn", Values = ["dev"] },
                new LabelSelectorExpression { Key = "canary", Operator = "DoesNotExist" },
                new LabelSelectorExpression { Key = "zone", Operator = "Exists" },
            ],
        };
        LabelSelector.TryCreate(spec, out var selector, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(error, Is.Empty);
            Assert.That(selector.Matches(LabelSet.Parse("app=web,tier=edge,zone=a")), Is.True);
            Assert.That(selector.Matches(LabelSet.Parse("app=web,tier=edge,zone=a,env=prod")), Is.True);
            Assert.That(selector.Matches(LabelSet.Parse("app=web,tier=edge,zone=a,env=dev")), Is.False);
            Assert.That(selector.Matches(LabelSet.Parse("app=web,tier=edge,zone=a,canary=")), Is.False);
            Assert.That(selector.Matches(LabelSet.Parse("app=web,tier=backend,zone=a")), Is.False);
            Assert.That(selector.Matches(LabelSet.Parse("app=web,tier=edge")), Is.False);
            Assert.That(selector.Matches(LabelSet.Parse("app=api,tier=edge,zone=a")), Is.False);
        });
    }

    private static string KeyError(string key)
    {
        LabelValidation.IsValidKey(key, out var error);
        return error[(error.IndexOf("\": ", StringComparison.Ordinal) + 3)..];
    }

    private static string ValueError(string value)
    {
        LabelValidation.IsValidValue(value, out var error);
        return error[(error.IndexOf("\": ", StringComparison.Ordinal) + 3)..];
    }

    private static LabelSelectorSpec Expressions(params LabelSelectorExpression[] expressions) => new() { MatchExpressions = expressions };

    private static TestCaseData Invalid(string name, LabelSelectorSpec spec, string expected) =>
        new TestCaseData(spec, expected).SetArgDisplayNames(name);
}
