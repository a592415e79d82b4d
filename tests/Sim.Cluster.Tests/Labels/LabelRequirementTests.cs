// Cases ported from kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/labels/selector_test.go:
// TestRequirementConstructor (the cases of the current and of earlier revisions), TestSafeSort and
// TestRequirementEqual. Upstream builds some requirements as struct literals, bypassing validation
// (e.g. '=' with two values); ours are valid by construction, so those cases use 'in' instead.
using Sim.Cluster.Labels;
using static Sim.Cluster.Labels.SelectorOperator;

namespace Sim.Cluster.Tests.Labels;

public class LabelRequirementTests
{
    private static IEnumerable<TestCaseData> ValidRequirements()
    {
        yield return Case("x3", In, "foo");
        yield return Case("x4", NotIn, "foo");
        yield return Case("x6", Exists);
        yield return Case("x7", DoesNotExist);
        yield return Case("x9", In, "bar");
        yield return Case("x11", GreaterThan, "1");
        yield return Case("x12", LessThan, "6");
        yield return Case("1foo", In, "bar");
        yield return Case("1234", In, "bar");
        yield return Case("x", In, "");
        yield return Case("x", Equal, "");
    }

    private static IEnumerable<TestCaseData> InvalidRequirements()
    {
        // key, operator, values, the field the (single) error names, a fragment of the message
        yield return Invalid("x1", In, null, "values", "values set can't be empty");
        yield return Invalid("x2", NotIn, Array.Empty<string>(), "values", "values set can't be empty");
        yield return Invalid("x5", Equal, new[] { "foo", "bar" }, "values", "[\"foo\", \"bar\"]: exact-match compatibility requires one single value");
        yield return Invalid("x8", Exists, new[] { "foo" }, "values", "values set must be empty for exists and does not exist");
        yield return Invalid("x13", GreaterThan, null, "values", "exactly one value is required");
        yield return Invalid("x14", GreaterThan, new[] { "bar" }, "values[0]", "\"bar\": for 'Gt', 'Lt' operators, the value must be an integer");
        yield return Invalid("x15", LessThan, new[] { "bar" }, "values[0]", "the value must be an integer");
        yield return Invalid("foo", GreaterThan, new[] { "bar" }, "values[0]", "the value must be an integer");
        yield return Invalid("barz", LessThan, new[] { "blah" }, "values[0]", "the value must be an integer");
        yield return Invalid(new string('a', 254), Exists, null, "key", "name part must be no more than 63 characters")
            .SetArgDisplayNames("254 a's", "Exists");
        yield return Invalid("x16", Equal, new[] { new string('a', 254) }, "values[0]", "must be no more than 63 characters")
            .SetArgDisplayNames("x16", "Equal", "254 a's");
        yield return Invalid("x17", Equal, new[] { "a b" }, "values[0]", "\"a b\": a valid label must be an empty string or consist of");
        yield return Invalid("x18", (SelectorOperator)99, null, "operator", "Unsupported value: \"99\"");
    }

    [TestCaseSource(nameof(ValidRequirements))]
    public void Creates_valid_requirements(string key, SelectorOperator op, string[] values)
    {
        var ok = LabelRequirement.TryCreate(key, op, values, out var requirement, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True, error);
            Assert.That(error, Is.Empty);
            Assert.That(requirement!.Key, Is.EqualTo(key));
            Assert.That(requirement.Operator, Is.EqualTo(op));
            Assert.That(requirement.Values, Is.EqualTo(values));
        });
    }

    [TestCaseSource(nameof(InvalidRequirements))]
    public void Rejects_invalid_requirements_naming_the_field(string key, SelectorOperator op, string[]? values, string field, string message)
    {
        var ok = LabelRequirement.TryCreate(key, op, values, out var requirement, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(requirement, Is.Null);
            Assert.That(error, Does.StartWith(field + ": "));
            Assert.That(error, Does.Contain(message));
        });
    }

    [Test]
    public void Reports_every_problem_at_once()
    {
        LabelRequirement.TryCreate("-x", GreaterThan, ["a", "b"], out _, out var error);

        Assert.That(error, Does.StartWith("[key: Invalid value: \"-x\"")
            .And.Contain("values: Invalid value: [\"a\", \"b\"]: for 'Gt', 'Lt' operators, exactly one value is required")
            .And.Contain("values[0]: Invalid value: \"a\"")
            .And.Contain("values[1]: Invalid value: \"b\""));
    }

    [Test]
    public void Create_throws_on_invalid_input_because_literals_in_code_should_be_valid()
    {
        Assert.That(() => LabelRequirement.Create("x", In), Throws.ArgumentException.With.Message.Contains("values set can't be empty"));
    }

    [TestCase(new[] { "bar", "foo" }, new[] { "bar", "foo" })]
    [TestCase(new[] { "foo", "bar" }, new[] { "bar", "foo" })]
    [TestCase(new[] { "foo", "bar", "foo", "bar" }, new[] { "bar", "bar", "foo", "foo" })]
    public void Values_are_kept_sorted_without_reordering_the_callers_array(string[] values, string[] expected)
    {
        var given = (string[])values.Clone();

        var requirement = LabelRequirement.Create("x", In, values);

        Assert.Multiple(() =>
        {
            Assert.That(requirement.Values, Is.EqualTo(expected));
            Assert.That(values, Is.EqualTo(given));
            Assert.That(requirement.ToString(), Is.EqualTo($"x in ({string.Join(',', expected)})"));
        });
    }

    [Test]
    public void No_values_stay_no_values()
    {
        Assert.That(LabelRequirement.Create("x", Exists).Values, Is.Empty);
    }

    [Test]
    public void Same_requirements_are_equal()
    {
        var first = LabelRequirement.Create("key", In, "foo", "bar");
        var second = LabelRequirement.Create("key", In, "foo", "bar");

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(second));
            Assert.That(first.GetHashCode(), Is.EqualTo(second.GetHashCode()));
        });
    }

    [TestCase("key1", In, new[] { "foo", "bar" }, "key2", In, new[] { "foo", "bar" })]
    [TestCase("key", In, new[] { "foo", "bar" }, "key", NotIn, new[] { "foo", "bar" })]
    [TestCase("key", In, new[] { "foo", "bar" }, "key", In, new[] { "foobar" })]
    [TestCase("key", Equal, new[] { "foo" }, "key", DoubleEqual, new[] { "foo" })]
    public void Requirements_differing_in_key_operator_or_values_are_not_equal(
        string key1, SelectorOperator op1, string[] values1, string key2, SelectorOperator op2, string[] values2)
    {
        Assert.That(LabelRequirement.Create(key1, op1, values1), Is.Not.EqualTo(LabelRequirement.Create(key2, op2, values2)));
    }

    [TestCase(GreaterThan, "5", "6", true)]
    [TestCase(GreaterThan, "5", "5", false)]
    [TestCase(GreaterThan, "5", "05", false)]
    [TestCase(GreaterThan, "5", "0012", true)]
    [TestCase(LessThan, "5", "4", true)]
    [TestCase(LessThan, "5", "5", false)]
    [TestCase(LessThan, "10", "9", true)]
    [TestCase(GreaterThan, "9", "10", true)]
    [TestCase(GreaterThan, "1", "v2", false)]
    [TestCase(LessThan, "1", "", false)]
    [TestCase(GreaterThan, "1", "99999999999999999999", false)]
    [TestCase(GreaterThan, "9223372036854775806", "9223372036854775807", true)]
    public void Gt_and_lt_compare_integers_and_never_match_a_non_integer(SelectorOperator op, string bound, string labelValue, bool expected)
    {
        var requirement = LabelRequirement.Create("n", op, bound);

        Assert.That(requirement.Matches(LabelSets.Of("n", labelValue)), Is.EqualTo(expected));
    }

    [TestCase(In, true, false)]
    [TestCase(Equal, true, false)]
    [TestCase(DoubleEqual, true, false)]
    [TestCase(NotIn, false, true)]
    [TestCase(NotEqual, false, true)]
    [TestCase(GreaterThan, false, false)]
    [TestCase(LessThan, false, false)]
    public void Negative_operators_match_when_the_label_is_absent(SelectorOperator op, bool matchesSameValue, bool matchesAbsent)
    {
        var requirement = LabelRequirement.Create("x", op, "1");

        Assert.Multiple(() =>
        {
            Assert.That(requirement.Matches(LabelSets.Of("x", "1")), Is.EqualTo(matchesSameValue));
            Assert.That(requirement.Matches(LabelSets.Of("y", "1")), Is.EqualTo(matchesAbsent));
            Assert.That(requirement.Matches(LabelSet.Empty), Is.EqualTo(matchesAbsent));
        });
    }

    [TestCase(In, new[] { "b", "a" }, "x in (a,b)")]
    [TestCase(NotIn, new[] { "" }, "x notin ()")]
    [TestCase(Equal, new[] { "a" }, "x=a")]
    [TestCase(DoubleEqual, new[] { "a" }, "x==a")]
    [TestCase(NotEqual, new[] { "" }, "x!=")]
    [TestCase(GreaterThan, new[] { "1" }, "x>1")]
    [TestCase(LessThan, new[] { "1" }, "x<1")]
    [TestCase(Exists, new string[0], "x")]
    [TestCase(DoesNotExist, new string[0], "!x")]
    public void Prints_in_selector_syntax(SelectorOperator op, string[] values, string expected)
    {
        Assert.That(LabelRequirement.Create("x", op, values).ToString(), Is.EqualTo(expected));
    }

    private static TestCaseData Case(string key, SelectorOperator op, params string[] values) => new(key, op, values);

    private static TestCaseData Invalid(string key, SelectorOperator op, string[]? values, string field, string message) =>
        new(key, op, values, field, message);
}
