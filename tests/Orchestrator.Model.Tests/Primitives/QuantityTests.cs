using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Orchestrator.Model.Primitives;

namespace Orchestrator.Model.Tests.Primitives;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("500m", "500000000")]
    [InlineData("2", "2000000000")]
    [InlineData("1.5", "1500000000")]
    [InlineData("128Mi", "134217728000000000")]
    [InlineData("1Gi", "1073741824000000000")]
    [InlineData("1e3", "1000000000000")]
    [InlineData("1E3", "1000000000000")]
    [InlineData("1k", "1000000000000")]
    [InlineData("1M", "1000000000000000")]
    [InlineData("1n", "1")]
    [InlineData("1u", "1000")]
    [InlineData("-250m", "-250000000")]
    [InlineData("+3", "3000000000")]
    [InlineData(".5", "500000000")]
    [InlineData("5.", "5000000000")]
    [InlineData("0.1m", "100000")]
    [InlineData("1e-3", "1000000")]
    [InlineData("1E", "1000000000000000000000000000")]
    [InlineData("0.0000000001", "1")]
    public void Parse_keeps_the_exact_value_in_nano_units(string text, string expectedNanos)
    {
        Assert.Equal(BigInteger.Parse(expectedNanos), Quantity.Parse(text).Nanos);
    }

    [Theory]
    [InlineData("500m", "500m")]
    [InlineData("1.5", "1500m")]
    [InlineData("1.5Gi", "1536Mi")]
    [InlineData("1024Mi", "1Gi")]
    [InlineData("1000", "1k")]
    [InlineData("1500", "1500")]
    [InlineData("2000000", "2M")]
    [InlineData("0.5Ki", "512")]
    [InlineData("100Ki", "100Ki")]
    [InlineData("1e3", "1e3")]
    [InlineData("1.5e3", "1500")]
    [InlineData("12e6", "12e6")]
    [InlineData("0", "0")]
    [InlineData("0Gi", "0")]
    [InlineData("-1.5", "-1500m")]
    [InlineData("1000m", "1")]
    [InlineData("0.001", "1m")]
    [InlineData("1.0001", "1000100u")]
    [InlineData("100u", "100u")]
    [InlineData("1e-10", "1e-9")]
    [InlineData("1.1Ki", "1126400m")]
    [InlineData("1Ei", "1Ei")]
    [InlineData("2048Ei", "2048Ei")]
    public void ToString_prints_the_canonical_form_kubernetes_prints(string text, string canonical)
    {
        Assert.Equal(canonical, Quantity.Parse(text).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("1.2.3")]
    [InlineData("abc")]
    [InlineData("1 Gi")]
    [InlineData("1Gb")]
    [InlineData("1e")]
    [InlineData("1e1.5")]
    [InlineData("--1")]
    public void TryParse_rejects_malformed_text(string text)
    {
        Assert.False(Quantity.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Parse_error_quotes_the_input_and_the_kubernetes_grammar()
    {
        var ex = Assert.Throws<FormatException>(() => Quantity.Parse("1.2.3"));
        Assert.Equal($"quantity \"1.2.3\": {Quantity.FormatError}", ex.Message);
    }

    [Theory]
    [InlineData("500m", 1, 500)]
    [InlineData("1.5", 2, 1500)]
    [InlineData("128Mi", 134217728, 134217728000)]
    [InlineData("1n", 1, 1)]
    [InlineData("-1.5", -1, -1500)]
    [InlineData("2", 2, 2000)]
    public void Value_and_MilliValue_round_up_like_kubernetes(string text, long value, long milliValue)
    {
        var quantity = Quantity.Parse(text);
        Assert.Equal(value, quantity.Value);
        Assert.Equal(milliValue, quantity.MilliValue);
    }

    [Theory]
    [InlineData("1", "1000m", 0)]
    [InlineData("1Ki", "1024", 0)]
    [InlineData("1k", "1Ki", -1)]
    [InlineData("1Gi", "1G", 1)]
    [InlineData("500m", "0.5", 0)]
    [InlineData("-1", "0", -1)]
    public void CompareTo_orders_by_value_regardless_of_format(string left, string right, int expected)
    {
        Assert.Equal(expected, Math.Sign(Quantity.Parse(left).CompareTo(Quantity.Parse(right))));
        Assert.Equal(expected == 0, Quantity.Parse(left) == Quantity.Parse(right));
    }

    [Theory]
    [InlineData("100m", "200m", "300m")]
    [InlineData("1Gi", "512Mi", "1536Mi")]
    [InlineData("0.1", "0.2", "300m")]
    [InlineData("1", "500m", "1500m")]
    [InlineData("0", "1Ki", "1Ki")]
    public void Addition_is_exact_and_keeps_the_left_format(string left, string right, string sum)
    {
        Assert.Equal(sum, (Quantity.Parse(left) + Quantity.Parse(right)).ToString());
    }

    [Theory]
    [InlineData("1", "300m", "700m")]
    [InlineData("1Gi", "512Mi", "512Mi")]
    [InlineData("100m", "200m", "-100m")]
    public void Subtraction_is_exact(string left, string right, string difference)
    {
        Assert.Equal(difference, (Quantity.Parse(left) - Quantity.Parse(right)).ToString());
    }

    [Fact]
    public void FromValue_and_FromMilliValue_build_the_expected_quantities()
    {
        Assert.Equal("3", Quantity.FromValue(3).ToString());
        Assert.Equal("250m", Quantity.FromMilliValue(250).ToString());
        Assert.Equal("2Ki", Quantity.FromValue(2048, QuantityFormat.BinarySI).ToString());
        Assert.Equal(0.25m, Quantity.FromMilliValue(250).ToDecimal());
    }

    [Fact]
    public void Canonical_form_parses_back_to_the_same_value_for_random_quantities()
    {
        var formats = Gen.Elements(QuantityFormat.DecimalSI, QuantityFormat.BinarySI, QuantityFormat.DecimalExponent);
        var nanos = ArbMap.Default.GeneratorFor<long>().Select(n => (BigInteger)n * 1000);
        var generator = nanos.SelectMany(n => formats.Select(f => Quantity.FromNanos(n, f)));
        Prop.ForAll(generator.ToArbitrary(), q =>
        {
            var printed = q.ToString();
            var reparsed = Quantity.Parse(printed);
            return reparsed == q && reparsed.ToString() == printed;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Addition_is_commutative_and_subtraction_undoes_it()
    {
        var quantities = ArbMap.Default.GeneratorFor<int>().Select(n => Quantity.FromMilliValue(n));
        Prop.ForAll(quantities.ToArbitrary(), quantities.ToArbitrary(), (a, b) =>
            a + b == b + a && (a + b) - b == a).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Value_saturates_instead_of_overflowing()
    {
        Assert.Equal(long.MaxValue, Quantity.Parse("100E").MilliValue);
        Assert.Equal(long.MinValue, Quantity.Parse("-100E").MilliValue);
    }

    [Theory]
    [InlineData("\"250m\"", "250m")]
    [InlineData("1", "1")]
    [InlineData("0.5", "500m")]
    [InlineData("1e3", "1e3")]
    public void Json_reads_quantities_from_strings_and_numbers(string json, string canonical)
    {
        var quantity = System.Text.Json.JsonSerializer.Deserialize<Quantity>(json, Orchestrator.Model.Serialization.KubernetesJson.Options);

        Assert.Equal(canonical, quantity.ToString());
        Assert.Equal($"\"{canonical}\"", System.Text.Json.JsonSerializer.Serialize(quantity, Orchestrator.Model.Serialization.KubernetesJson.Options));
    }
}
