// Cases ported from kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/labels/labels_test.go:
// TestSetString, TestLabelHas, TestLabelGet, TestLabelConflict, TestLabelMerge and
// TestLabelSelectorParse (ConvertSelectorToLabelsMap, here LabelSet.TryParse); and from
// staging/src/k8s.io/apimachinery/pkg/labels/selector_test.go: TestValidatedSelectorFromSet
// (a set is validated when it is made, so the check moved to LabelSet.TryCreate).
using Sim.Cluster.Labels;

namespace Sim.Cluster.Tests.Labels;

public class LabelSetTests
{
    [TestCase(new[] { "x", "y" }, "x=y")]
    [TestCase(new[] { "foo", "bar" }, "foo=bar")]
    [TestCase(new[] { "foo", "bar", "baz", "qup" }, "baz=qup,foo=bar")]
    [TestCase(new string[0], "")]
    public void Prints_sorted_key_value_pairs(string[] labels, string expected)
    {
        Assert.That(LabelSets.Of(labels).ToString(), Is.EqualTo(expected));
    }

    [Test]
    public void Prints_pairs_in_the_order_upstream_sorts_them_not_by_key_alone()
    {
        // Upstream sorts the "key=value" strings: '.' sorts before '=', so "a.b=2" comes first.
        Assert.That(LabelSets.Of("a", "1", "a.b", "2").ToString(), Is.EqualTo("a.b=2,a=1"));
    }

    [TestCase(new[] { "x", "y" }, "x", true)]
    [TestCase(new[] { "x", "" }, "x", true)]
    [TestCase(new[] { "x", "y" }, "foo", false)]
    public void Has_a_label_whatever_its_value(string[] labels, string key, bool expected)
    {
        Assert.That(LabelSets.Of(labels).ContainsKey(key), Is.EqualTo(expected));
    }

    [Test]
    public void Gets_the_value_of_a_label()
    {
        var labels = LabelSets.Of("x", "y");

        Assert.Multiple(() =>
        {
            Assert.That(labels.TryGetValue("x", out var value), Is.True);
            Assert.That(value, Is.EqualTo("y"));
            Assert.That(labels["x"], Is.EqualTo("y"));
            Assert.That(labels.TryGetValue("z", out _), Is.False);
            Assert.That(() => labels["z"], Throws.InstanceOf<KeyNotFoundException>());
        });
    }

    [TestCase(new string[0], new string[0], false)]
    [TestCase(new[] { "env", "test" }, new[] { "infra", "true" }, false)]
    [TestCase(new[] { "env", "test" }, new[] { "infra", "true", "env", "test" }, false)]
    [TestCase(new[] { "env", "test" }, new[] { "env", "dev" }, true)]
    [TestCase(new[] { "env", "test", "infra", "false" }, new[] { "infra", "true", "color", "blue" }, true)]
    public void Conflicts_when_a_shared_key_has_different_values(string[] first, string[] second, bool expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(LabelSets.Of(first).ConflictsWith(LabelSets.Of(second)), Is.EqualTo(expected));
            Assert.That(LabelSets.Of(second).ConflictsWith(LabelSets.Of(first)), Is.EqualTo(expected));
        });
    }

    [TestCase(new string[0], new string[0], new string[0])]
    [TestCase(new[] { "infra", "true" }, new string[0], new[] { "infra", "true" })]
    [TestCase(new[] { "infra", "true" }, new[] { "env", "test", "color", "blue" }, new[] { "infra", "true", "env", "test", "color", "blue" })]
    [TestCase(new[] { "env", "test", "infra", "true" }, new[] { "env", "dev" }, new[] { "env", "dev", "infra", "true" })]
    public void Merging_keeps_every_label_and_the_second_set_wins(string[] first, string[] second, string[] expected)
    {
        Assert.That(LabelSets.Of(first).Merge(LabelSets.Of(second)), Is.EqualTo(LabelSets.Of(expected)));
    }

    [TestCase("", new string[0])]
    [TestCase("x=a", new[] { "x", "a" })]
    [TestCase("x=a,y=b,z=c", new[] { "x", "a", "y", "b", "z", "c" })]
    [TestCase(" x = a , y = b , z = c ", new[] { "x", "a", "y", "b", "z", "c" })]
    [TestCase("color=green,env=test,service=front", new[] { "color", "green", "env", "test", "service", "front" })]
    [TestCase("color=green, env=test, service=front", new[] { "color", "green", "env", "test", "service", "front" })]
    [TestCase("x=", new[] { "x", "" })]
    [TestCase("x=a,x=b", new[] { "x", "b" })]
    public void Parses_comma_separated_key_value_pairs(string text, string[] expected)
    {
        var ok = LabelSet.TryParse(text, out var labels, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True, error);
            Assert.That(error, Is.Empty);
            Assert.That(labels, Is.EqualTo(LabelSets.Of(expected)));
        });
    }

    [TestCase(",", "\"\": expected key=value")]
    [TestCase("x", "\"x\": expected key=value")]
    [TestCase("x,y", "\"x\": expected key=value")]
    [TestCase("x=$y", "invalid label value \"$y\" for key \"x\"")]
    [TestCase("x!=y", "invalid label key \"x!\"")]
    [TestCase("x==y", "\"x==y\": expected key=value")]
    [TestCase("x=a||y=b", "\"x=a||y=b\": expected key=value")]
    [TestCase("x in (y)", "\"x in (y)\": expected key=value")]
    [TestCase("x notin (y)", "\"x notin (y)\": expected key=value")]
    [TestCase("x y", "\"x y\": expected key=value")]
    public void Rejects_anything_but_key_value_pairs_naming_the_culprit(string text, string expected)
    {
        var ok = LabelSet.TryParse(text, out var labels, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(labels, Is.SameAs(LabelSet.Empty));
            Assert.That(error, Does.Contain(expected));
        });
    }

    [Test]
    public void Parse_throws_on_bad_input_because_literals_in_code_should_be_valid()
    {
        Assert.That(() => LabelSet.Parse("x"), Throws.InstanceOf<FormatException>().With.Message.Contains("\"x\": expected key=value"));
    }

    [Test]
    public void A_valid_set_is_made_from_its_labels()
    {
        var ok = LabelSet.TryCreate(new Dictionary<string, string> { ["key"] = "val" }, out var labels, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True, error);
            Assert.That(LabelSelector.FromSet(labels).ToString(), Is.EqualTo("key=val"));
        });
    }

    [Test]
    public void A_value_too_long_is_rejected_naming_key_and_value()
    {
        const string tooLong = "axahm2EJ8Phiephe2eixohbee9eGeiyees1thuozi1xoh0GiuH3diewi8iem7Nui";

        var ok = LabelSet.TryCreate(new Dictionary<string, string> { ["Key"] = tooLong }, out var labels, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(labels, Is.SameAs(LabelSet.Empty));
            Assert.That(error, Is.EqualTo($"invalid label value \"{tooLong}\" for key \"Key\": must be no more than 63 characters"));
        });
    }

    [Test]
    public void Every_invalid_key_and_value_is_reported()
    {
        var labels = new Dictionary<string, string> { ["ok"] = "fine", ["-bad"] = "x", ["tier"] = "front end" };

        LabelSet.TryCreate(labels, out _, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(error, Does.Contain("invalid label key \"-bad\": name part must consist of"));
            Assert.That(error, Does.Contain("invalid label value \"front end\" for key \"tier\": a valid label must be"));
            Assert.That(error, Does.Not.Contain("\"ok\""));
        });
    }

    [Test]
    public void A_repeated_key_is_an_error_when_creating_from_pairs()
    {
        var pairs = new[] { KeyValuePair.Create("app", "a"), KeyValuePair.Create("app", "b") };

        var ok = LabelSet.TryCreate(pairs, out _, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(error, Is.EqualTo("duplicate label key \"app\""));
            Assert.That(() => LabelSet.Create(pairs), Throws.ArgumentException);
        });
    }

    [Test]
    public void Sets_with_the_same_labels_are_equal_whatever_the_order_given()
    {
        var first = LabelSets.Of("b", "2", "a", "1", "c", "");
        var second = LabelSets.Of("c", "", "a", "1", "b", "2");

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(second));
            Assert.That(first.GetHashCode(), Is.EqualTo(second.GetHashCode()));
            Assert.That(first, Is.Not.EqualTo(LabelSets.Of("a", "1", "b", "2", "c", "x")));
            Assert.That(first, Is.Not.EqualTo(LabelSets.Of("a", "1", "b", "2")));
        });
    }

    [Test]
    public void Enumerates_in_ordinal_key_order()
    {
        var labels = LabelSets.Of("b", "2", "B", "3", "a", "1");

        var seen = new List<string>();
        foreach (var (key, value) in labels)
        {
            seen.Add(key + "=" + value);
        }

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(new[] { "B=3", "a=1", "b=2" }));
            Assert.That(labels.Keys, Is.EqualTo(new[] { "B", "a", "b" }));
            Assert.That(labels.Values, Is.EqualTo(new[] { "3", "1", "2" }));
            Assert.That(labels, Has.Count.EqualTo(3));
        });
    }
}
