using System.Collections.Immutable;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;

namespace Sim.Cluster.Tests.Controllers;

public class PodTemplateHashTests
{
    [Test]
    public void Equal_templates_built_separately_have_equal_fingerprints()
    {
        var first = Template("nginx:1.27");
        var second = Template("nginx:1.27");

        Assert.Multiple(() =>
        {
            Assert.That(ReferenceEquals(first.Spec.Containers[0], second.Spec.Containers[0]), Is.False);
            Assert.That(PodTemplateHash.Compute(second), Is.EqualTo(PodTemplateHash.Compute(first)));
            Assert.That(PodTemplateHash.EqualIgnoringHash(first, second), Is.True);
        });
    }

    [Test]
    public void A_new_image_changes_the_fingerprint_and_breaks_equality()
    {
        var first = Template("nginx:1.27");
        var second = Template("nginx:1.28");

        Assert.Multiple(() =>
        {
            Assert.That(PodTemplateHash.Compute(second), Is.Not.EqualTo(PodTemplateHash.Compute(first)));
            Assert.That(PodTemplateHash.EqualIgnoringHash(first, second), Is.False);
        });
    }

    [Test]
    public void The_pod_template_hash_label_is_ignored()
    {
        var template = Template("nginx:1.27");
        var labelled = template with { Labels = template.Labels.SetItem(PodTemplateHash.LabelKey, "abc") };

        Assert.Multiple(() =>
        {
            Assert.That(PodTemplateHash.EqualIgnoringHash(template, labelled), Is.True);
            Assert.That(PodTemplateHash.Compute(labelled), Is.EqualTo(PodTemplateHash.Compute(template)));
        });
    }

    [Test]
    public void The_fingerprint_is_fixed_across_processes_and_uses_the_safe_alphabet()
    {
        var hash = PodTemplateHash.Compute(Template("nginx:1.27"));

        // A constant: it must not depend on the process (string.GetHashCode is seeded per process).
        Assert.That(hash, Is.EqualTo(PodTemplateHash.Compute(Template("nginx:1.27"))).And.Match("^[bcdfghjklmnpqrstvwxz2456789]+$"));
        Assert.That(hash, Is.EqualTo(ExpectedHash));
    }

    private const string ExpectedHash = "69f56db5b5";

    private static PodTemplate Template(string image) => new()
    {
        Labels = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("app", "web"),
        Spec = new PodSpec { Containers = [new Container("web", ResourceList.Builder().Cpu(250).Memory(128L << 20).Build(), Image: image)] },
    };
}
