// Cases ported from kubernetes/kubernetes
// staging/src/k8s.io/apimachinery/pkg/util/validation/validation_test.go:
// TestIsQualifiedName (label keys), TestIsValidLabelValue, and TestIsDNS1123Subdomain (applied to
// the prefix part of a key, the only place labels use that rule).
using Sim.Cluster.Labels;

namespace Sim.Cluster.Tests.Labels;

public class LabelValidationTests
{
    private static readonly string[] GoodSubdomains =
    [
        "a", "ab", "abc", "a1", "a-1", "a--1--2--b",
        "0", "01", "012", "1a", "1-a", "1--a--b--2",
        "a.a", "ab.a", "abc.a", "a1.a", "a-1.a", "a--1--2--b.a",
        "a.1", "ab.1", "abc.1", "a1.1", "a-1.1", "a--1--2--b.1",
        "0.a", "01.a", "012.a", "1a.a", "1-a.a", "1--a--b--2",
        "0.1", "01.1", "012.1", "1a.1", "1-a.1", "1--a--b--2.1",
        "a.b.c.d.e", "aa.bb.cc.dd.ee", "1.2.3.4.5", "11.22.33.44.55",
        new string('a', 253),
    ];

    private static readonly string[] BadSubdomains =
    [
        "", "A", "ABC", "aBc", "A1", "A-1", "1-A",
        "-", "a-", "-a", "1-", "-1",
        "_", "a_", "_a", "a_b", "1_", "_1", "1_2",
        ".", "a.", ".a", "a..b", "1.", ".1", "1..2",
        " ", "a ", " a", "a b", "1 ", " 1", "1 2",
        "A.a", "aB.a", "ab.A", "A1.a", "a1.A",
        "A.1", "aB.1", "A1.1", "1A.1",
        "0.A", "01.A", "012.A", "1A.a", "1a.A",
        "A.B.C.D.E", "AA.BB.CC.DD.EE", "a.B.c.d.e", "aa.bB.cc.dd.ee",
        "a@b", "a,b", "a_b", "a;b",
        "a:b", "a%b", "a?b", "a$b",
        new string('a', 254),
    ];

    private static IEnumerable<TestCaseData> GoodKeys()
    {
        string[] keys =
        [
            "simple",
            "now-with-dashes",
            "1-starts-with-num",
            "1234",
            "simple/simple",
            "now-with-dashes/simple",
            "now-with-dashes/now-with-dashes",
            "now.with.dots/simple",
            "now-with.dashes-and.dots/simple",
            "1-num.2-num/3-num",
            "1234/5678",
            "1.2.3.4/5678",
            "Uppercase_Is_OK_123",
            "example.com/Uppercase_Is_OK_123",
            "requests.storage-foo",
        ];
        foreach (var key in keys)
        {
            yield return new TestCaseData(key);
        }

        yield return new TestCaseData(new string('a', 63)).SetArgDisplayNames("63 a's");
        yield return new TestCaseData(new string('a', 253) + "/" + new string('b', 63)).SetArgDisplayNames("253 a's / 63 b's");
    }

    private static IEnumerable<TestCaseData> BadKeys()
    {
        string[] keys =
        [
            "nospecialchars%^=@",
            "cantendwithadash-",
            "-cantstartwithadash-",
            "only/one/slash",
            "Example.com/abc",
            "example_com/abc",
            "example.com/",
            "/simple",
        ];
        foreach (var key in keys)
        {
            yield return new TestCaseData(key);
        }

        yield return new TestCaseData(new string('a', 64)).SetArgDisplayNames("64 a's");
        yield return new TestCaseData(new string('a', 254) + "/abc").SetArgDisplayNames("254 a's / abc");
    }

    private static IEnumerable<TestCaseData> GoodValues()
    {
        foreach (var value in new[] { "simple", "now-with-dashes", "1-starts-with-num", "end-with-num-1", "1234", "" })
        {
            yield return new TestCaseData(value);
        }

        yield return new TestCaseData(new string('a', 63)).SetArgDisplayNames("63 a's");
    }

    private static IEnumerable<TestCaseData> BadValues()
    {
        string[] values =
        [
            "nospecialchars%^=@",
            "Tama-nui-te-rā.is.Māori.sun",
            "\\backslashes\\are\\bad",
            "-starts-with-dash",
            "ends-with-dash-",
            ".starts.with.dot",
            "ends.with.dot.",
        ];
        foreach (var value in values)
        {
            yield return new TestCaseData(value);
        }

        yield return new TestCaseData(new string('a', 64)).SetArgDisplayNames("64 a's");
    }

    private static IEnumerable<TestCaseData> GoodPrefixes() =>
        GoodSubdomains.Select(p => new TestCaseData(p).SetArgDisplayNames(p.Length > 20 ? $"{p.Length} a's" : $"\"{p}\""));

    private static IEnumerable<TestCaseData> BadPrefixes() =>
        BadSubdomains.Select(p => new TestCaseData(p).SetArgDisplayNames(p.Length > 20 ? $"{p.Length} a's" : $"\"{p}\""));

    [TestCaseSource(nameof(GoodKeys))]
    public void Accepts_qualified_names_as_keys(string key)
    {
        var valid = LabelValidation.IsValidKey(key, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(valid, Is.True, error);
            Assert.That(error, Is.Empty);
        });
    }

    [TestCaseSource(nameof(BadKeys))]
    public void Rejects_keys_that_are_not_qualified_names(string key)
    {
        var valid = LabelValidation.IsValidKey(key, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(valid, Is.False);
            Assert.That(error, Does.StartWith($"invalid label key \"{key}\": "));
        });
    }

    [TestCaseSource(nameof(GoodValues))]
    public void Accepts_valid_label_values(string value)
    {
        Assert.That(LabelValidation.IsValidValue(value, out var error), Is.True, error);
    }

    [TestCaseSource(nameof(BadValues))]
    public void Rejects_invalid_label_values(string value)
    {
        var valid = LabelValidation.IsValidValue(value, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(valid, Is.False);
            Assert.That(error, Does.StartWith("invalid label value \""));
        });
    }

    [TestCaseSource(nameof(GoodPrefixes))]
    public void Accepts_a_lowercase_dns_subdomain_as_key_prefix(string prefix)
    {
        Assert.That(LabelValidation.IsValidKey(prefix + "/name", out var error), Is.True, error);
    }

    [TestCaseSource(nameof(BadPrefixes))]
    public void Rejects_a_key_prefix_that_is_not_a_lowercase_dns_subdomain(string prefix)
    {
        var valid = LabelValidation.IsValidKey(prefix + "/name", out var error);

        Assert.Multiple(() =>
        {
            Assert.That(valid, Is.False);
            Assert.That(error, Does.Contain("prefix part"));
        });
    }

    [TestCase("Example.com/abc", "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters")]
    [TestCase("/simple", "prefix part must be non-empty")]
    [TestCase("example.com/", "name part must be non-empty")]
    [TestCase("-dash", "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character")]
    [TestCase("only/one/slash", "with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")]
    public void Key_errors_say_which_part_is_wrong_and_what_was_expected(string key, string expected)
    {
        LabelValidation.IsValidKey(key, out var error);

        Assert.That(error, Does.Contain(expected));
    }

    [Test]
    public void Length_errors_give_the_limit()
    {
        LabelValidation.IsValidKey(new string('a', 64), out var nameError);
        LabelValidation.IsValidKey(new string('a', 254) + "/a", out var prefixError);
        LabelValidation.IsValidValue(new string('a', 64), out var valueError);

        Assert.Multiple(() =>
        {
            Assert.That(nameError, Does.Contain("name part must be no more than 63 characters"));
            Assert.That(prefixError, Does.Contain("prefix part must be no more than 253 characters"));
            Assert.That(valueError, Does.EndWith(": must be no more than 63 characters"));
        });
    }

    [Test]
    public void A_trailing_line_break_is_not_ignored()
    {
        // A regex with '$' in .NET would accept "abc\n"; Go's (and ours) must not.
        Assert.Multiple(() =>
        {
            Assert.That(LabelValidation.IsValidKey("abc\n", out _), Is.False);
            Assert.That(LabelValidation.IsValidValue("abc\n", out var error), Is.False);
            Assert.That(error, Does.StartWith("invalid label value \"abc\\n\""));
        });
    }
}
