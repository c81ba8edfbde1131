using Orchestrator.Model.Primitives;

namespace Orchestrator.Model.Tests.Primitives;

public sealed class IntOrStringTests
{
    [Theory]
    [InlineData("25%", 10, true, 3)]
    [InlineData("25%", 10, false, 2)]
    [InlineData("100%", 7, false, 7)]
    [InlineData("0%", 7, true, 0)]
    [InlineData("33%", 3, true, 1)]
    public void ScaledValue_resolves_percentages_with_the_requested_rounding(string percent, int total, bool roundUp, int expected)
    {
        Assert.Equal(expected, IntOrString.FromString(percent).ScaledValue(total, roundUp));
    }

    [Fact]
    public void ScaledValue_of_an_integer_is_the_integer()
    {
        Assert.Equal(4, IntOrString.FromInt(4).ScaledValue(100, roundUp: true));
    }

    [Fact]
    public void ScaledValue_rejects_a_string_that_is_not_a_percentage()
    {
        Assert.Throws<FormatException>(() => IntOrString.FromString("http").ScaledValue(10, roundUp: false));
    }

    [Fact]
    public void Integer_and_string_forms_are_distinct_values()
    {
        Assert.NotEqual(IntOrString.FromInt(80), IntOrString.FromString("80"));
        Assert.Equal(IntOrString.FromString("http"), (IntOrString)"http");
        Assert.Equal("80", IntOrString.FromInt(80).StringValue);
    }
}
