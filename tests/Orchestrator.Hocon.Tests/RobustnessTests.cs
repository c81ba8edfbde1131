using Orchestrator.Hocon.Tests.Support;
using Xunit;

namespace Orchestrator.Hocon.Tests;

public sealed class RobustnessTests
{
    private const int Documents = 4000;

    private static readonly string[] _keys = ["a", "b.c", "\"q.k\"", "x y", "a.d", "b"];

    private static readonly string[] _separators = [" = ", ": ", " += ", " "];

    private static readonly string[] _values =
    [
        "1", "-2.5e3", "true", "null", "\"s\"", "\"\"\"t\"\"\"", "${?a}", "${b.c}", "${a}", "[1, ${?a}]", "{ d = 1 }",
        "foo bar", "${?ENV_NOPE}", "5 seconds", "${?b} [2]", "{ e = ${?a.d} }", "${?a} x",
    ];

    private static readonly string[] _terminators = ["\n", ", ", " # c\n", " // c\n"];

    // Fragments that break structure in awkward places.
    private static readonly string[] _junk = ["{", "}", "[", "]", ",", "=", "\"", "${", "+", "include \"nope.conf\"", "\n", "$"];

    [Fact]
    public void Random_documents_either_round_trip_or_fail_with_a_positioned_config_exception()
    {
        var random = new Random(20240611);
        var parsed = 0;
        for (var i = 0; i < Documents; i++)
        {
            var text = Generate(random);
            try
            {
                var config = TestConfig.Parse(text).Resolve();
                var reparsed = Config.Parse(config.Render(), "rendered").Resolve();
                Assert.Equal(config.AsEnumerable(), reparsed.AsEnumerable());
                parsed++;
            }
            catch (ConfigException exception)
            {
                Assert.True(exception.Line >= 1 && exception.Column >= 1, $"bad position for input {text}: {exception.Message}");
            }
        }

        // Guards the generator itself: a run where almost nothing parses would prove little about valid input.
        Assert.InRange(parsed, Documents / 4, Documents);
    }

    private static string Generate(Random random)
    {
        var builder = new System.Text.StringBuilder();
        var fields = random.Next(1, 8);
        for (var i = 0; i < fields; i++)
        {
            var separator = Pick(random, _separators);
            var value = Pick(random, _values);
            if (separator == " " && !value.StartsWith('{'))
            {
                separator = " = ";
            }

            builder.Append(Pick(random, _keys)).Append(separator).Append(value).Append(Pick(random, _terminators));
            if (random.Next(12) == 0)
            {
                builder.Insert(random.Next(builder.Length + 1), Pick(random, _junk));
            }
        }

        return builder.ToString();
    }

    private static string Pick(Random random, string[] choices) => choices[random.Next(choices.Length)];
}
