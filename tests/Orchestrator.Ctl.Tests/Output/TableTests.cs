using Orchestrator.Ctl.Output;

namespace Orchestrator.Ctl.Tests.Output;

public sealed class TableTests
{
    [Fact]
    public void Columns_are_as_wide_as_their_widest_cell_plus_three_spaces_and_lines_have_no_trailing_blanks()
    {
        var table = new Table(["NAME", "READY", "STATUS"]);
        table.Add(["web-1", "1/1", "Running"]);
        table.Add(["a", "0/1", ""]);

        Assert.Equal(
            "NAME    READY   STATUS\n" +
            "web-1   1/1     Running\n" +
            "a       0/1\n",
            table.Render());
    }

    [Fact]
    public void Without_headers_only_the_rows_are_printed_aligned_among_themselves()
    {
        var table = new Table(["NAME", "AGE"]);
        table.Add(["x", "5s"]);
        Assert.Equal("x   5s\n", table.Render(withHeaders: false));
    }

    [Fact]
    public void Rows_printed_under_an_earlier_header_keep_the_headers_widths()
    {
        var table = new Table(["NAME", "DATA", "AGE"]);
        table.Add(["w1", "1", "2s"]);
        Assert.Equal("w1     1      2s\n", table.Render(withHeaders: false, alignWithHeaders: true));
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_cells_is_refused() =>
        Assert.Throws<ArgumentException>(() => new Table(["A", "B"]).Add(["only one"]));
}
