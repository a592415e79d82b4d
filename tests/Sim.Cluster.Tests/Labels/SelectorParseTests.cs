// Cases ported from kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/labels/selector_test.go:
// TestSelectorParse, TestDeterministicParse, TestSetSelectorParser and TestParseOperator.
// The error-message tests at the end are ours: upstream's messages carry no position.
using Sim.Cluster.Labels;
using static Sim.Cluster.Labels.SelectorOperator;

namespace Sim.Cluster.Tests.Labels;

public class SelectorParseTests
{
    private static IEnumerable<TestCaseData> ParsedSelectors()
    {
        yield return Parsed("");
        yield return Parsed("\rx", R("x", Exists));
        yield return Parsed("this-is-a-dns.domain.com/key-with-dash", R("this-is-a-dns.domain.com/key-with-dash", Exists));
        yield return Parsed(
            "this-is-another-dns.domain.com/key-with-dash in (so,what)",
            R("this-is-another-dns.domain.com/key-with-dash", In, "so", "what"));
        yield return Parsed(
            "0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)",
            R("0.1.2.domain/99", NotIn, "10.10.100.1", "tick.tack.clock"));
        yield return Parsed("foo  in\t (abc)", R("foo", In, "abc"));
        yield return Parsed("x notin\n (abc)", R("x", NotIn, "abc"));
        yield return Parsed("x  notin\t\t\t(abc,def)", R("x", NotIn, "abc", "def"));
        yield return Parsed("x in (abc,def)", R("x", In, "abc", "def"));
        yield return Parsed("x in (abc,)", R("x", In, "abc", ""));
        yield return Parsed("x in ()", R("x", In, ""));
        yield return Parsed(
            "x notin (abc,,def),bar,z in (),w",
            R("bar", Exists), R("w", Exists), R("x", NotIn, "abc", "", "def"), R("z", In, ""));
        yield return Parsed("x,y in (a)", R("x", Exists), R("y", In, "a"));
        yield return Parsed("x=a", R("x", Equal, "a"));
        yield return Parsed("x>1", R("x", GreaterThan, "1"));
        yield return Parsed("x<7", R("x", LessThan, "7"));
        yield return Parsed("x=a,y!=b", R("x", Equal, "a"), R("y", NotEqual, "b"));
        yield return Parsed("x=a,y!=b,z in (h,i,j)", R("x", Equal, "a"), R("y", NotEqual, "b"), R("z", In, "h", "i", "j"));
        yield return Parsed("x notin ( )", R("x", NotIn, ""));
        yield return Parsed("x notin (, a)", R("x", NotIn, "", "a"));
        yield return Parsed("a ", R("a", Exists));
        yield return Parsed("a in (x,y,notin, z,in)", R("a", In, "in", "notin", "x", "y", "z")); // 'in' and 'notin' as values
    }

    [TestCase("x=a,y=b,z=c")]
    [TestCase("")]
    [TestCase("x!=a,y=b")]
    [TestCase("x=")]
    [TestCase("x= ")]
    [TestCase("x=,z= ")]
    [TestCase("x= ,z= ")]
    [TestCase("!x")]
    [TestCase("x>1")]
    [TestCase("x>1,z<5")]
    public void Parses_and_prints_back_without_spaces(string text)
    {
        var ok = LabelSelector.TryParse(text, out var selector, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True, error);
            Assert.That(error, Is.Empty);
            Assert.That(selector.ToString(), Is.EqualTo(text.Replace(" ", string.Empty, StringComparison.Ordinal)));
        });
    }

    [TestCase("x=a||y=b")]
    [TestCase("x==a==b")]
    [TestCase("!x=a")]
    [TestCase("x<a")]
    [TestCase("x,,y")]
    [TestCase(",x,y")]
    [TestCase("x nott in (y)")]
    [TestCase("a in (xyz),")]
    [TestCase("a in (xyz)b notin ()")]
    [TestCase("a in (xyz abc)")] // no comma
    [TestCase("a notin(")] // badly formed
    [TestCase("a (")] // '(' where an operator belongs
    [TestCase("(")]
    public void Rejects_malformed_selectors(string text)
    {
        var ok = LabelSelector.TryParse(text, out var selector, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(selector, Is.SameAs(LabelSelector.Nothing));
            Assert.That(error, Does.StartWith("at position "));
        });
    }

    [Test]
    public void Parsing_is_deterministic_whatever_the_order_of_requirements()
    {
        var first = LabelSelector.Parse("x=a,a=x");
        var second = LabelSelector.Parse("a=x,x=a");

        Assert.Multiple(() =>
        {
            Assert.That(first.ToString(), Is.EqualTo("a=x,x=a"));
            Assert.That(second.ToString(), Is.EqualTo(first.ToString()));
            Assert.That(second, Is.EqualTo(first));
        });
    }

    [TestCaseSource(nameof(ParsedSelectors))]
    public void Parses_into_requirements_sorted_by_key(string text, LabelSelector expected)
    {
        var ok = LabelSelector.TryParse(text, out var selector, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True, error);
            Assert.That(selector, Is.EqualTo(expected));
            Assert.That(selector.Requirements, Is.EqualTo(expected.Requirements));
        });
    }

    [TestCase("x in (a)", In)]
    [TestCase("x = a", Equal)]
    [TestCase("x == a", DoubleEqual)]
    [TestCase("x > 1", GreaterThan)]
    [TestCase("x < 1", LessThan)]
    [TestCase("x notin (a)", NotIn)]
    [TestCase("x != a", NotEqual)]
    public void Reads_every_binary_operator(string text, SelectorOperator expected)
    {
        Assert.That(LabelSelector.Parse(text).Requirements.Single().Operator, Is.EqualTo(expected));
    }

    [TestCase("x ! a", "found '!'")]
    [TestCase("x exists", "found 'exists'")]
    [TestCase("x (", "found '('")]
    public void Rejects_anything_else_where_an_operator_belongs(string text, string found)
    {
        var ok = LabelSelector.TryParse(text, out _, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(error, Is.EqualTo($"at position 2: {found}, expected one of 'in', 'notin', '=', '==', '!=', '>', '<'"));
        });
    }

    [TestCase("x=a||y=b", "at position 0, in \"x=a||y\": values[0]: Invalid value: \"a||y\": a valid label must be an empty string")]
    [TestCase("x==a==b", "at position 4: found '==', expected ',' or end of string")]
    [TestCase("!x=a", "at position 2: found '=', expected ',' or end of string")]
    [TestCase("app=web, x<a", "at position 9, in \"x<a\": values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [TestCase("x,,y", "at position 2: found ',', expected an identifier or '!' after ','")]
    [TestCase("a in (xyz),", "at position 11: found end of string, expected an identifier or '!' after ','")]
    [TestCase("a in (xyz abc)", "at position 10: found 'abc', expected ',' or ')'")]
    [TestCase("a notin(", "at position 8: found end of string, expected ',', ')' or an identifier (a value)")]
    [TestCase("a in x", "at position 5: found 'x', expected '('")]
    [TestCase("(", "at position 0: found '(', expected '!', an identifier or end of string")]
    [TestCase("! ,", "at position 2: found ',', expected an identifier (a label key)")]
    [TestCase("-x=a", "at position 0, in \"-x\": key: Invalid value: \"-x\": name part must consist of alphanumeric characters")]
    [TestCase("Example.com/x", "at position 0, in \"Example.com/x\": key: Invalid value: \"Example.com/x\": prefix part a lowercase RFC 1123 subdomain")]
    public void Errors_give_the_position_and_text_and_what_was_expected(string text, string expected)
    {
        var ok = LabelSelector.TryParse(text, out _, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(error, Does.StartWith(expected));
        });
    }

    [Test]
    public void Parse_throws_on_bad_input_because_literals_in_code_should_be_valid()
    {
        Assert.That(
            () => LabelSelector.Parse("x in (a"),
            Throws.InstanceOf<FormatException>().With.Message.EqualTo(
                "Invalid label selector \"x in (a\": at position 7: found end of string, expected ',' or ')'"));
    }

    private static LabelRequirement R(string key, SelectorOperator op, params string[] values) => LabelRequirement.Create(key, op, values);

    private static TestCaseData Parsed(string text, params LabelRequirement[] requirements) =>
        new TestCaseData(text, LabelSelector.Everything.Add(requirements)).SetArgDisplayNames($"\"{text}\"");
}
