using Orchestrator.Hocon.Tests.Support;
using Xunit;

namespace Orchestrator.Hocon.Tests;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData("64MiB", 64L * 1024 * 1024)]
    [InlineData("64M", 64L * 1024 * 1024)]
    [InlineData("64m", 64L * 1024 * 1024)]
    [InlineData("1GiB", 1024L * 1024 * 1024)]
    [InlineData("1G", 1024L * 1024 * 1024)]
    [InlineData("512k", 512L * 1024)]
    [InlineData("512K", 512L * 1024)]
    [InlineData("2Ki", 2048L)]
    [InlineData("10 bytes", 10L)]
    [InlineData("1 byte", 1L)]
    [InlineData("10B", 10L)]
    [InlineData("1kB", 1000L)]
    [InlineData("1 kilobyte", 1000L)]
    [InlineData("1.5GB", 1_500_000_000L)]
    [InlineData("2 megabytes", 2_000_000L)]
    [InlineData("3 mebibytes", 3L * 1024 * 1024)]
    [InlineData("1TB", 1_000_000_000_000L)]
    [InlineData("1TiB", 1024L * 1024 * 1024 * 1024)]
    [InlineData("4096", 4096L)]
    [InlineData("0.5KiB", 512L)]
    public void Sizes_are_read_with_si_and_binary_units(string text, long expected)
    {
        var config = TestConfig.Parse($"size = {text}");

        Assert.Equal(expected, config.GetByteSize("size"));
    }

    [Fact]
    public void An_unknown_size_unit_names_the_key_and_position()
    {
        var config = TestConfig.Parse("buffer {\n  max = 5 XB\n}");

        var error = ErrorAssert.ThrowsAt(() => config.GetByteSize("buffer.max"), 2, 9, "setting 'buffer.max': invalid size in bytes '5 XB'");
        Assert.Contains("unknown size unit 'XB'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_size_beyond_64_bits_is_rejected()
    {
        ErrorAssert.ThrowsAt(() => TestConfig.Parse("s = 100 YB").GetByteSize("s"), 1, 5, "does not fit in 64 bits");
    }
}
