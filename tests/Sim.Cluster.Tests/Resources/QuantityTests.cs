using System.Numerics;
using Sim.Cluster.Resources;

namespace Sim.Cluster.Tests.Resources;

/// <summary>
/// Cases ported from Kubernetes' <c>staging/src/k8s.io/apimachinery/pkg/api/resource/quantity_test.go</c>
/// (TestQuantityParse, TestQuantityString, TestQuantityParseEmit, TestQuantityCmp, TestQuantityParseZero),
/// plus the integer conversions the simulator relies on.
/// </summary>
public class QuantityTests
{
    private const QuantityFormat Dec = QuantityFormat.DecimalSI;
    private const QuantityFormat Bin = QuantityFormat.BinarySI;
    private const QuantityFormat Exp = QuantityFormat.DecimalExponent;

    // TestQuantityParse: input, expected unscaled × 10^exponent, expected format.
    private static readonly object[] ParseTable =
    [
        new object[] { "0", 0L, 0, Dec },
        new object[] { "0n", 0L, 0, Dec },
        new object[] { "0u", 0L, 0, Dec },
        new object[] { "0m", 0L, 0, Dec },
        new object[] { "0Ki", 0L, 0, Bin },
        new object[] { "0k", 0L, 0, Dec },
        new object[] { "0Mi", 0L, 0, Bin },
        new object[] { "0M", 0L, 0, Dec },
        new object[] { "0Gi", 0L, 0, Bin },
        new object[] { "0G", 0L, 0, Dec },
        new object[] { "0Ti", 0L, 0, Bin },
        new object[] { "0T", 0L, 0, Dec },
        new object[] { "1", 1L, 0, Dec },
        new object[] { "1Ki", 1024L, 0, Bin },
        new object[] { "8Ki", 8L * 1024, 0, Bin },
        new object[] { "7Mi", 7L * 1024 * 1024, 0, Bin },
        new object[] { "6Gi", 6L * 1024 * 1024 * 1024, 0, Bin },
        new object[] { "5Ti", 5L * 1024 * 1024 * 1024 * 1024, 0, Bin },
        new object[] { "4Pi", 4L * 1024 * 1024 * 1024 * 1024 * 1024, 0, Bin },
        new object[] { "3Ei", 3L * 1024 * 1024 * 1024 * 1024 * 1024 * 1024, 0, Bin },
        new object[] { "10Ti", 10L * 1024 * 1024 * 1024 * 1024, 0, Bin },
        new object[] { "100Ti", 100L * 1024 * 1024 * 1024 * 1024, 0, Bin },
        new object[] { "5n", 5L, -9, Dec },
        new object[] { "4u", 4L, -6, Dec },
        new object[] { "3m", 3L, -3, Dec },
        new object[] { "9", 9L, 0, Dec },
        new object[] { "8k", 8L, 3, Dec },
        new object[] { "50k", 5L, 4, Dec },
        new object[] { "7M", 7L, 6, Dec },
        new object[] { "6G", 6L, 9, Dec },
        new object[] { "5T", 5L, 12, Dec },
        new object[] { "40T", 4L, 13, Dec },
        new object[] { "300T", 3L, 14, Dec },
        new object[] { "2P", 2L, 15, Dec },
        new object[] { "1E", 1L, 18, Dec },
        new object[] { "1E-3", 1L, -3, Exp },
        new object[] { "1e3", 1L, 3, Exp },
        new object[] { "1E6", 1L, 6, Exp },
        new object[] { "1e9", 1L, 9, Exp },
        new object[] { "1E12", 1L, 12, Exp },
        new object[] { "1e15", 1L, 15, Exp },
        new object[] { "1E18", 1L, 18, Exp },
        new object[] { "1e14", 1L, 14, Exp },
        new object[] { "1e13", 1L, 13, Exp },
        new object[] { "100.035k", 100035L, 0, Dec },
        new object[] { "0.001", 1L, -3, Dec },
        new object[] { "0.0005k", 5L, -1, Dec },
        new object[] { "0.005", 5L, -3, Dec },
        new object[] { "0.05", 5L, -2, Dec },
        new object[] { "0.5", 5L, -1, Dec },
        new object[] { "0.00050k", 5L, -1, Dec },
        new object[] { "0.00500", 5L, -3, Dec },
        new object[] { "0.05000", 5L, -2, Dec },
        new object[] { "0.50000", 5L, -1, Dec },
        new object[] { "0.5e0", 5L, -1, Exp },
        new object[] { "0.5e-1", 5L, -2, Exp },
        new object[] { "0.5e-2", 5L, -3, Exp },
        new object[] { "10.035M", 10035L, 3, Dec },
        new object[] { "1.2e3", 12L, 2, Exp },
        new object[] { "1.3E+6", 13L, 5, Exp },
        new object[] { "1.40e9", 14L, 8, Exp },
        new object[] { "1.53E12", 153L, 10, Exp },
        new object[] { "1.6e15", 16L, 14, Exp },
        new object[] { "1.7E18", 17L, 17, Exp },
        new object[] { "9.01", 901L, -2, Dec },
        new object[] { "8.1k", 81L, 2, Dec },
        new object[] { "7.123456M", 7123456L, 0, Dec },
        new object[] { "6.987654321G", 6987654321L, 0, Dec },
        new object[] { "5.444T", 5444L, 9, Dec },
        new object[] { "40.1T", 401L, 11, Dec },
        new object[] { "300.2T", 3002L, 11, Dec },
        new object[] { "2.5P", 25L, 14, Dec },
        new object[] { "1.01E", 101L, 16, Dec },
        // Things that saturate or round up
        new object[] { "3.001n", 4L, -9, Dec },
        new object[] { "1.1E-9", 2L, -9, Exp },
        new object[] { "0.0000000001", 1L, -9, Dec },
        new object[] { "0.0000000005", 1L, -9, Dec },
        new object[] { "0.00000000050", 1L, -9, Dec },
        new object[] { "0.5e-9", 1L, -9, Exp },
        new object[] { "0.9n", 1L, -9, Dec },
        new object[] { "0.00000012345", 124L, -9, Dec },
        new object[] { "0.00000012354", 124L, -9, Dec },
        new object[] { "9Ei", long.MaxValue, 0, Bin },
        new object[] { "9223372036854775807Ki", long.MaxValue, 0, Bin },
        new object[] { "12E", 12L, 18, Dec },
        // Fractional binary amounts
        new object[] { "100.035Ki", 10243584L, -2, Bin },
        new object[] { "0.5Mi", 512L * 1024, 0, Bin },
        new object[] { "0.05Gi", 536870912L, -1, Bin },
        new object[] { "0.025Ti", 274877906944L, -1, Bin },
        // Things written by trolls
        new object[] { "0.000000000001Ki", 2L, -9, Dec },
        new object[] { ".001", 1L, -3, Dec },
        new object[] { ".0001k", 100L, -3, Dec },
        new object[] { "1.", 1L, 0, Dec },
        new object[] { "1.G", 1L, 9, Dec },
    ];

    // TestQuantityString: the amount, its canonical text, and another spelling that must print the same.
    private static readonly object[] StringTable =
    [
        new object[] { 1024L * 1024 * 1024, 0, Bin, "1Gi", "1024Mi" },
        new object[] { 300L * 1024 * 1024, 0, Bin, "300Mi", "307200Ki" },
        new object[] { 6L * 1024, 0, Bin, "6Ki", "" },
        new object[] { 1001L * 1024 * 1024 * 1024, 0, Bin, "1001Gi", "1025024Mi" },
        new object[] { 1024L * 1024 * 1024 * 1024, 0, Bin, "1Ti", "1024Gi" },
        new object[] { 5L, 0, Bin, "5", "5000m" },
        new object[] { 500L, -3, Bin, "500m", "0.5" },
        new object[] { 1L, 9, Dec, "1G", "1000M" },
        new object[] { 1000L, 6, Dec, "1G", "0.001T" },
        new object[] { 1000000L, 3, Dec, "1G", "" },
        new object[] { 1000000000L, 0, Dec, "1G", "" },
        new object[] { 1L, -3, Dec, "1m", "1000u" },
        new object[] { 80L, -3, Dec, "80m", "" },
        new object[] { 1080L, -3, Dec, "1080m", "1.08" },
        new object[] { 108L, -2, Dec, "1080m", "1080000000n" },
        new object[] { 10800L, -4, Dec, "1080m", "" },
        new object[] { 300L, 6, Dec, "300M", "" },
        new object[] { 1L, 12, Dec, "1T", "" },
        new object[] { 1L, 18, Dec, "1E", "" },
        new object[] { 1L, 21, Dec, "1e21", "1000E" },
        new object[] { 5L, 21, Dec, "5e21", "5000E" },
        new object[] { 1L, 24, Dec, "1e24", "1000000E" },
        new object[] { 1L, 70, Bin, "10e69", "" },
        new object[] { 2L, 70, Bin, "20e69", "" },
        new object[] { 1L, 72, Bin, "1e72", "" },
        new object[] { 1234567L, 6, Dec, "1234567M", "" },
        new object[] { 1234567L, -3, Bin, "1234567m", "" },
        new object[] { 3L, 3, Dec, "3k", "" },
        new object[] { 1025L, 0, Bin, "1025", "" },
        new object[] { 0L, 0, Dec, "0", "" },
        new object[] { 0L, 0, Bin, "0", "" },
        new object[] { 1L, 9, Exp, "1e9", ".001e12" },
        new object[] { 1L, -3, Exp, "1e-3", "0.001e0" },
        new object[] { 1L, -9, Exp, "1e-9", "1000e-12" },
        new object[] { 80L, -3, Exp, "80e-3", "" },
        new object[] { 300L, 6, Exp, "300e6", "" },
        new object[] { 1L, 12, Exp, "1e12", "" },
        new object[] { 1L, 3, Exp, "1e3", "" },
        new object[] { 3L, 3, Exp, "3e3", "" },
        new object[] { 0L, 0, Exp, "0", "00" },
        new object[] { 1L, -9, Dec, "1n", "" },
        new object[] { 80L, -9, Dec, "80n", "" },
        new object[] { 1080L, -9, Dec, "1080n", "" },
        new object[] { 108L, -8, Dec, "1080n", "" },
        new object[] { 10800L, -10, Dec, "1080n", "" },
        new object[] { 1L, -6, Dec, "1u", "" },
        new object[] { 80L, -6, Dec, "80u", "" },
        new object[] { 1080L, -6, Dec, "1080u", "" },
    ];

    [TestCaseSource(nameof(ParseTable))]
    public void Parses_as_Kubernetes_does(string text, long unscaled, int exponent, QuantityFormat format)
    {
        var expected = Quantity.FromScaled(unscaled, exponent, format);

        foreach (var (input, sign) in new[] { (text, 1), ("+" + text, 1), ("-" + text, -1) })
        {
            Assert.That(Quantity.TryParse(input, out var parsed, out var error), Is.True, error);
            Assert.Multiple(() =>
            {
                Assert.That(parsed, Is.EqualTo(sign > 0 ? expected : Quantity.FromScaled(-unscaled, exponent, format)), input);
                Assert.That(parsed.Format, Is.EqualTo(format), input);
            });
        }
    }

    [TestCase("")]
    [TestCase("1.1.M")]
    [TestCase("1+1.0M")]
    [TestCase("0.1mi")]
    [TestCase("0.1am")]
    [TestCase("aoeu")]
    [TestCase(".5i")]
    [TestCase("1i")]
    [TestCase("-3.01i")]
    [TestCase("-3.01e-")]
    [TestCase("1e4294967297")]
    [TestCase(" 1")]
    [TestCase("1 ")]
    [TestCase("12Qi")]
    [TestCase("1e")]
    [TestCase("Non-Numeric")]
    public void Rejects_what_Kubernetes_rejects_naming_the_text(string text)
    {
        var ok = Quantity.TryParse(text, out _, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(error, Does.StartWith($"quantity '{text}'"));
        });
    }

    [TestCaseSource(nameof(StringTable))]
    public void Prints_the_canonical_form(long unscaled, int exponent, QuantityFormat format, string canonical, string alternate)
    {
        var quantity = Quantity.FromScaled(unscaled, exponent, format);

        Assert.Multiple(() =>
        {
            Assert.That(quantity.ToString(), Is.EqualTo(canonical));
            Assert.That(Quantity.Parse(canonical).ToString(), Is.EqualTo(canonical), "canonical text round-trips");
            if (alternate.Length > 0)
            {
                Assert.That(Quantity.Parse(alternate).ToString(), Is.EqualTo(canonical), $"'{alternate}' prints canonically");
            }

            if (unscaled != 0)
            {
                Assert.That(Quantity.FromScaled(-unscaled, exponent, format).ToString(), Is.EqualTo("-" + canonical));
            }
        });
    }

    [TestCase("1Ki", "1Ki")]
    [TestCase("1Mi", "1Mi")]
    [TestCase("1Gi", "1Gi")]
    [TestCase("1024Mi", "1Gi")]
    [TestCase("1000M", "1G")]
    [TestCase(".001Ki", "1024m")]
    [TestCase(".000001Ki", "1024u")]
    [TestCase(".000000001Ki", "1024n")]
    [TestCase(".000000000001Ki", "2n")]
    [TestCase("1.5", "1500m")]
    [TestCase("1.5Gi", "1536Mi")]
    public void Parsing_then_printing_gives_the_canonical_form(string text, string canonical)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Quantity.Parse(text).ToString(), Is.EqualTo(canonical));
            Assert.That(Quantity.Parse("-" + text).ToString(), Is.EqualTo("-" + canonical));
        });
    }

    [TestCase("0", "0", 0)]
    [TestCase("100m", "50m", 1)]
    [TestCase("50m", "100m", -1)]
    [TestCase("10000T", "100Gi", 1)]
    [TestCase("1Ki", "1024", 0)]
    [TestCase("1e400", "9Ei", 1)]
    [TestCase("-1e400", "-1", -1)]
    [TestCase("1n", "0", 1)]
    public void Compares_amounts_whatever_their_format(string left, string right, int expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Quantity.Parse(left).CompareTo(Quantity.Parse(right)), Is.EqualTo(expected));
            Assert.That(Quantity.Parse(right).CompareTo(Quantity.Parse(left)), Is.EqualTo(-expected));
        });
    }

    [TestCase("100m", 100L, 1L)]
    [TestCase("1.5", 1500L, 2L)]
    [TestCase("0.1m", 1L, 1L)]
    [TestCase("2", 2000L, 2L)]
    [TestCase("1e3", 1000000L, 1000L)]
    [TestCase("2Gi", 2147483648000L, 2147483648L)]
    [TestCase("128974848", 128974848000L, 128974848L)]
    [TestCase("1n", 1L, 1L)]
    [TestCase("9.01", 9010L, 10L)]
    [TestCase("-9.01", -9010L, -10L)]
    public void Integer_values_round_up_away_from_zero(string text, long milli, long whole)
    {
        var quantity = Quantity.Parse(text);

        Assert.Multiple(() =>
        {
            Assert.That(quantity.TryGetMilliValue(out var m), Is.True);
            Assert.That(m, Is.EqualTo(milli));
            Assert.That(quantity.TryGetValue(out var v), Is.True);
            Assert.That(v, Is.EqualTo(whole));
        });
    }

    [TestCase("1e400")]
    [TestCase("9223372036854775808")]
    [TestCase("10E")]
    [TestCase("1e2147483647")]
    public void Amounts_beyond_64_bits_parse_but_do_not_convert(string text)
    {
        var quantity = Quantity.Parse(text);

        Assert.Multiple(() =>
        {
            Assert.That(quantity.TryGetValue(out _), Is.False);
            Assert.That(quantity.TryGetMilliValue(out _), Is.False);
        });
    }

    [Test]
    public void Milli_values_overflow_before_whole_values_do()
    {
        var quantity = Quantity.Parse("9223372036854775807");

        Assert.Multiple(() =>
        {
            Assert.That(quantity.TryGetValue(out var value), Is.True);
            Assert.That(value, Is.EqualTo(long.MaxValue));
            Assert.That(quantity.TryGetMilliValue(out _), Is.False);
        });
    }

    [Test]
    public void A_very_long_text_is_refused_quickly()
    {
        var text = new string('1', 10_000_000);

        var ok = Quantity.TryParse(text, out _, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(error, Does.Contain("10,000,000 characters long"));
        });
    }

    [Test]
    public void Equal_amounts_are_equal_and_hash_alike()
    {
        var a = Quantity.Parse("1Ki");
        var b = Quantity.Parse("1024");
        var c = Quantity.FromScaled(new BigInteger(10240), -1, QuantityFormat.DecimalSI);

        Assert.Multiple(() =>
        {
            Assert.That(a, Is.EqualTo(b));
            Assert.That(c, Is.EqualTo(a));
            Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
            Assert.That(c.GetHashCode(), Is.EqualTo(a.GetHashCode()));
        });
    }
}
