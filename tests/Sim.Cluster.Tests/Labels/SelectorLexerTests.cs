// Cases ported from kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/labels/selector_test.go:
// TestLexer, TestLexerSequence and TestParserLookahead (here: the parser's scan, which keeps the final
// end-of-string token).
using Sim.Cluster.Labels;
using static Sim.Cluster.Labels.SelectorTokenKind;

namespace Sim.Cluster.Tests.Labels;

internal sealed class SelectorLexerTests
{
    private static IEnumerable<TestCaseData> Sequences()
    {
        yield return Sequence("key in ( value )", Identifier, In, OpenParenthesis, Identifier, ClosedParenthesis);
        yield return Sequence("key notin ( value )", Identifier, NotIn, OpenParenthesis, Identifier, ClosedParenthesis);
        yield return Sequence("key in ( value1, value2 )", Identifier, In, OpenParenthesis, Identifier, Comma, Identifier, ClosedParenthesis);
        yield return Sequence("key", Identifier);
        yield return Sequence("!key", DoesNotExist, Identifier);
        yield return Sequence("()", OpenParenthesis, ClosedParenthesis);
        yield return Sequence("x in (),y", Identifier, In, OpenParenthesis, ClosedParenthesis, Comma, Identifier);
        yield return Sequence("== != (), = notin", DoubleEqual, NotEqual, OpenParenthesis, ClosedParenthesis, Comma, Equal, NotIn);
        yield return Sequence("key>2", Identifier, GreaterThan, Identifier);
        yield return Sequence("key<1", Identifier, LessThan, Identifier);
    }

    private static IEnumerable<TestCaseData> ScannedSequences()
    {
        foreach (var sequence in Sequences())
        {
            yield return sequence;
        }

        yield return Sequence(string.Empty);
    }

    [TestCase("", EndOfString)]
    [TestCase(",", Comma)]
    [TestCase("notin", NotIn)]
    [TestCase("in", In)]
    [TestCase("=", Equal)]
    [TestCase("==", DoubleEqual)]
    [TestCase(">", GreaterThan)]
    [TestCase("<", LessThan)]
    [TestCase("!", DoesNotExist)] // the longest valid token is returned: "!" here, "!=" below
    [TestCase("!=", NotEqual)]
    [TestCase("(", OpenParenthesis)]
    [TestCase(")", ClosedParenthesis)]
    [TestCase("~", Identifier)] // characters that are not operators make identifiers
    [TestCase("||", Identifier)]
    public void Reads_one_token(string text, SelectorTokenKind expected)
    {
        var token = new SelectorLexer(text).Next();

        Assert.Multiple(() =>
        {
            Assert.That(token.Kind, Is.EqualTo(expected));
            Assert.That(token.Text, Is.EqualTo(text));
            Assert.That(token.Position, Is.Zero);
        });
    }

    [TestCaseSource(nameof(Sequences))]
    public void Splits_a_selector_into_tokens(string text, SelectorTokenKind[] expected)
    {
        var lexer = new SelectorLexer(text);
        var kinds = new List<SelectorTokenKind>();
        for (var token = lexer.Next(); token.Kind != EndOfString; token = lexer.Next())
        {
            kinds.Add(token.Kind);
        }

        Assert.That(kinds, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(ScannedSequences))]
    public void Scanning_keeps_the_end_of_string_token(string text, SelectorTokenKind[] expected)
    {
        var kinds = LabelSelectorParser.Scan(text).Select(t => t.Kind);

        Assert.That(kinds, Is.EqualTo(expected.Append(EndOfString)));
    }

    [Test]
    public void Tokens_know_their_text_and_position()
    {
        var tokens = LabelSelectorParser.Scan(" ab!=c,\td in (x)");

        Assert.That(
            tokens.Select(t => $"{t.Kind}:{t.Text}@{t.Position}"),
            Is.EqualTo(new[]
            {
                "Identifier:ab@1", "NotEqual:!=@3", "Identifier:c@5", "Comma:,@6", "Identifier:d@8",
                "In:in@10", "OpenParenthesis:(@13", "Identifier:x@14", "ClosedParenthesis:)@15", "EndOfString:@16",
            }));
    }

    [TestCase("=!", Equal, "=")] // "=!" is no operator: "=" then "!"
    [TestCase("!==", NotEqual, "!=")]
    [TestCase("<=", LessThan, "<")]
    [TestCase(">=", GreaterThan, ">")]
    [TestCase(",,", Comma, ",")]
    public void An_operator_is_as_long_as_it_can_be_and_no_longer(string text, SelectorTokenKind kind, string literal)
    {
        var token = new SelectorLexer(text).Next();

        Assert.Multiple(() =>
        {
            Assert.That(token.Kind, Is.EqualTo(kind));
            Assert.That(token.Text, Is.EqualTo(literal));
        });
    }

    [TestCase("a\0b", new[] { "a", "b", "" })] // inside an identifier, NUL only ends it
    [TestCase("a \0b", new[] { "a", "" })] // where a token would start, NUL ends the input
    public void A_nul_character_is_read_as_upstream_reads_it(string text, string[] expected)
    {
        Assert.That(LabelSelectorParser.Scan(text).Select(t => t.Text), Is.EqualTo(expected));
    }

    private static TestCaseData Sequence(string text, params SelectorTokenKind[] kinds) =>
        new TestCaseData(text, kinds).SetArgDisplayNames($"\"{text}\"");
}
