// Cases ported from kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/labels/selector_test.go:
// TestEverything, TestSelectorMatches, TestSetMatches, TestNilMapIsValid, TestSetIsEmpty, TestToString,
// TestRequirementSelectorMatching, TestAdd, TestSetSelectorString and TestRequiresExactMatch.
// Left out: the TestToString and TestRequirementSelectorMatching cases built on a zero-value
// Requirement (an invalid requirement that ours cannot represent).
using Sim.Cluster.Labels;
using static Sim.Cluster.Labels.SelectorOperator;

namespace Sim.Cluster.Tests.Labels;

public class LabelSelectorTests
{
    private static IEnumerable<TestCaseData> SelectorsAndTheirStrings()
    {
        yield return Printed("x in (abc,def),y notin (jkl),z", R("x", In, "abc", "def"), R("y", NotIn, "jkl"), R("z", Exists));
        yield return Printed("x notin (abc,def),y!=jkl,!z", R("x", NotIn, "abc", "def"), R("y", NotEqual, "jkl"), R("z", DoesNotExist));
        yield return Printed("x notin (abc),y in (jkl,mno),z notin ()", R("x", NotIn, "abc"), R("y", In, "jkl", "mno"), R("z", NotIn, ""));
        yield return Printed("x=abc,y==jkl,z!=a,z", R("x", Equal, "abc"), R("y", DoubleEqual, "jkl"), R("z", NotEqual, "a"), R("z", Exists));
        yield return Printed("x>2,y<8,z", R("x", GreaterThan, "2"), R("y", LessThan, "8"), R("z", Exists));
    }

    private static IEnumerable<TestCaseData> RequirementsMatchingLabels()
    {
        yield return Matching("x=foo,y=baz", true, R("x", In, "foo"), R("y", NotIn, "alpha"));
        yield return Matching("x=foo,y=baz", false, R("x", In, "foo"), R("y", In, "alpha"));
        yield return Matching("y=", true, R("x", NotIn, ""), R("y", Exists));
        yield return Matching("y=", true, R("x", DoesNotExist), R("y", Exists));
        yield return Matching("y=", false, R("x", NotIn, ""), R("y", DoesNotExist));
        yield return Matching("y=baz", false, R("x", In, ""));
        yield return Matching("z=2", true, R("z", GreaterThan, "1"));
        yield return Matching("z=v2", false, R("z", GreaterThan, "1"));
    }

    [Test]
    public void Everything_matches_any_labels_and_is_empty()
    {
        Assert.Multiple(() =>
        {
            Assert.That(LabelSelector.Everything.Matches(LabelSets.Of("x", "y")), Is.True);
            Assert.That(LabelSelector.Everything.Matches(LabelSet.Empty), Is.True);
            Assert.That(LabelSelector.Everything.IsEmpty, Is.True);
            Assert.That(LabelSelector.Everything.ToString(), Is.Empty);
        });
    }

    [Test]
    public void Nothing_matches_no_labels_and_is_not_empty()
    {
        Assert.Multiple(() =>
        {
            Assert.That(LabelSelector.Nothing.Matches(LabelSets.Of("x", "y")), Is.False);
            Assert.That(LabelSelector.Nothing.Matches(LabelSet.Empty), Is.False);
            Assert.That(LabelSelector.Nothing.IsEmpty, Is.False);
            Assert.That(LabelSelector.Nothing.MatchesNothing, Is.True);
            Assert.That(LabelSelector.Nothing.ToString(), Is.Empty);
            Assert.That(LabelSelector.Nothing.Add(R("x", Exists)), Is.SameAs(LabelSelector.Nothing));
            Assert.That(LabelSelector.Nothing, Is.Not.EqualTo(LabelSelector.Everything));
        });
    }

    [TestCase("", "x=y", true)]
    [TestCase("x=y", "x=y", true)]
    [TestCase("x=y,z=w", "x=y,z=w", true)]
    [TestCase("x!=y,z!=w", "x=z,z=a", true)]
    [TestCase("notin=in", "notin=in", true)] // 'in' and 'notin' as key and value of an exact match
    [TestCase("x", "x=z", true)]
    [TestCase("!x", "y=z", true)]
    [TestCase("x>1", "x=2", true)]
    [TestCase("x<1", "x=0", true)]
    [TestCase("x=z", "", false)]
    [TestCase("x=y", "x=z", false)]
    [TestCase("x=y,z=w", "x=w,z=w", false)]
    [TestCase("x!=y,z!=w", "x=z,z=w", false)]
    [TestCase("x", "y=z", false)]
    [TestCase("!x", "x=z", false)]
    [TestCase("x>1", "x=0", false)]
    [TestCase("x<1", "x=2", false)]
    [TestCase("foo=bar", "foo=bar,baz=blah", true)]
    [TestCase("baz=blah", "foo=bar,baz=blah", true)]
    [TestCase("foo=bar,baz=blah", "foo=bar,baz=blah", true)]
    [TestCase("foo=blah", "foo=bar,baz=blah", false)]
    [TestCase("baz=bar", "foo=bar,baz=blah", false)]
    [TestCase("foo=bar,foobar=bar,baz=blah", "foo=bar,baz=blah", false)]
    public void Matches_when_every_requirement_holds(string selector, string labels, bool expected)
    {
        Assert.That(LabelSelector.Parse(selector).Matches(LabelSet.Parse(labels)), Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("foo=bar")]
    [TestCase("baz=blah")]
    [TestCase("foo=bar,baz=blah")]
    public void A_selector_from_a_subset_of_the_labels_matches_them(string subset)
    {
        var selector = LabelSelector.FromSet(LabelSet.Parse(subset));

        Assert.That(selector.Matches(LabelSets.Of("foo", "bar", "baz", "blah")), Is.True);
    }

    [Test]
    public void A_selector_from_a_set_requires_each_label_with_its_value()
    {
        var selector = LabelSelector.FromSet(LabelSets.Of("app", "web", "tier", ""));

        Assert.Multiple(() =>
        {
            Assert.That(selector.Requirements, Is.EqualTo(new[] { R("app", Equal, "web"), R("tier", Equal, "") }));
            Assert.That(selector.Matches(LabelSets.Of("app", "web")), Is.False);
            Assert.That(selector.Matches(LabelSets.Of("app", "web", "tier", "x")), Is.False);
            Assert.That(selector.Matches(LabelSets.Of("app", "web", "tier", "", "extra", "1")), Is.True);
        });
    }

    [Test]
    public void A_selector_from_the_empty_set_is_empty()
    {
        Assert.Multiple(() =>
        {
            Assert.That(LabelSelector.FromSet(LabelSet.Empty).IsEmpty, Is.True);
            Assert.That(LabelSelector.FromSet(LabelSet.Empty), Is.SameAs(LabelSelector.Everything));
        });
    }

    [TestCase(new string[0], "")]
    [TestCase(new[] { "app", "foo" }, "app=foo")]
    [TestCase(new[] { "app", "foo", "a", "b" }, "a=b,app=foo")]
    public void A_selector_from_a_set_prints_its_labels_in_key_order(string[] labels, string expected)
    {
        Assert.That(LabelSelector.FromSet(LabelSets.Of(labels)).ToString(), Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(SelectorsAndTheirStrings))]
    public void Prints_the_canonical_string_form(LabelRequirement[] requirements, string expected)
    {
        Assert.That(LabelSelector.Everything.Add(requirements).ToString(), Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(RequirementsMatchingLabels))]
    public void Matches_requirements_as_upstream_does(string labels, bool expected, LabelRequirement[] requirements)
    {
        Assert.That(LabelSelector.Everything.Add(requirements).Matches(LabelSet.Parse(labels)), Is.EqualTo(expected));
    }

    [Test]
    public void Adding_a_requirement_to_an_empty_selector()
    {
        var selector = LabelSelector.Everything.Add(R("key", In, "value"));

        Assert.Multiple(() =>
        {
            Assert.That(selector.Requirements, Is.EqualTo(new[] { R("key", In, "value") }));
            Assert.That(LabelSelector.Everything.IsEmpty, Is.True, "the original is unchanged");
        });
    }

    [Test]
    public void Adding_a_requirement_keeps_the_others_sorted_by_key()
    {
        var selector = LabelSelector.Everything.Add(R("key", In, "value")).Add(R("key2", Equal, "value2"));
        var reversed = LabelSelector.Everything.Add(R("key2", Equal, "value2")).Add(R("key", In, "value"));

        Assert.Multiple(() =>
        {
            Assert.That(selector.Requirements, Is.EqualTo(new[] { R("key", In, "value"), R("key2", Equal, "value2") }));
            Assert.That(reversed, Is.EqualTo(selector));
            Assert.That(reversed.GetHashCode(), Is.EqualTo(selector.GetHashCode()));
        });
    }

    [TestCase("key in (value)", "key", true, "value")]
    [TestCase("key in (value,value2)", "key", false, "")]
    [TestCase("key in (value,value1),key2 in (value2)", "key2", true, "value2")]
    [TestCase("key=value", "key", true, "value")]
    [TestCase("key==value", "key", true, "value")]
    [TestCase("key!=value", "key", false, "")]
    [TestCase("key in (value),key2 in (value2)", "key", true, "value")]
    [TestCase("key in (value)", "other", false, "")]
    public void Tells_whether_a_label_must_have_one_exact_value(string selector, string key, bool expectedFound, string expectedValue)
    {
        var found = LabelSelector.Parse(selector).TryGetExactMatch(key, out var value);

        Assert.Multiple(() =>
        {
            Assert.That(found, Is.EqualTo(expectedFound));
            Assert.That(value, Is.EqualTo(expectedValue));
        });
    }

    private static LabelRequirement R(string key, SelectorOperator op, params string[] values) => LabelRequirement.Create(key, op, values);

    private static TestCaseData Printed(string expected, params LabelRequirement[] requirements) =>
        new TestCaseData(requirements, expected).SetArgDisplayNames(expected);

    private static TestCaseData Matching(string labels, bool expected, params LabelRequirement[] requirements) =>
        new TestCaseData(labels, expected, requirements)
            .SetArgDisplayNames($"{{{labels}}}", expected.ToString(), LabelSelector.Everything.Add(requirements).ToString());
}
