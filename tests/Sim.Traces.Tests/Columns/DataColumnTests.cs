using Sim.Traces.Columns;

namespace Sim.Traces.Tests.Columns;

/// <summary>One column of a data file: its values' texts with their places, and every malformed file refused at its place.</summary>
public sealed class DataColumnTests
{
    private static List<DataCell> Read(string text, string? column) => [.. DataColumn.Read(new StringReader(text), "d.csv", column)];

    private static string Error(string text, string? column)
    {
        var e = Assert.Throws<TraceFormatException>(() => Read(text, column))!;
        return e.Error.ToString();
    }

    [Test]
    public void A_named_column_of_a_csv_file_gives_its_values_with_their_lines_and_columns()
    {
        var cells = Read("job,duration_s,gpu\na,90,1\n\nb, 1h ,0.5\r\nc,45s,2\n", "duration_s");

        Assert.That(cells, Is.EqualTo(new[] { new DataCell(2, 3, "90"), new DataCell(4, 4, "1h"), new DataCell(5, 3, "45s") }));
    }

    [Test]
    public void Without_a_column_each_line_is_one_value()
    {
        var cells = Read("1.5\n\n  2 \n3e2\n", column: null);

        Assert.That(cells, Is.EqualTo(new[] { new DataCell(1, 1, "1.5"), new DataCell(3, 3, "2"), new DataCell(4, 1, "3e2") }));
    }

    [Test]
    public void The_shipped_example_file_reads_whole()
    {
        var path = TraceData.Repository("scenarios/data/gpu-jobs.csv") ?? throw new FileNotFoundException("scenarios/data/gpu-jobs.csv");

        var durations = DataColumn.ReadFile(path, "duration_s").ToList();
        var gpus = DataColumn.ReadFile(path, "gpu").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(durations, Has.Count.EqualTo(File.ReadAllLines(path).Length - 1));
            Assert.That(gpus.Select(c => c.Line), Is.EqualTo(durations.Select(c => c.Line)));
            Assert.That(durations.Select(c => c.Text), Is.All.Matches<string>(t => t.All(char.IsAsciiDigit)));
        });
    }

    [TestCase("a,b\n1,2\n", "c", "d.csv:1:1: the header has no column 'c'; its columns are 'a', 'b'")]
    [TestCase("a,b,a\n1,2,3\n", "a", "d.csv:1:5: column 'a': the header names this column twice")]
    [TestCase("a,b\n1,2\n3\n", "a", "d.csv:3:1: expected 2 comma-separated fields, as in the header, got 1")]
    [TestCase("a,b\n1,2\n3,4,5\n", "b", "d.csv:3:5: expected 2 comma-separated fields, as in the header, got 3")]
    [TestCase("1\n2,3\n", null, "d.csv:2:3: expected one value per line, got 2 comma-separated fields; for a CSV file, name the column")]
    [TestCase("", "a", "d.csv: the file is empty; expected a header line naming column 'a', then one row per value")]
    [TestCase("a,b\n\n", "a", "d.csv: the file holds no values; expected rows under the header with a value in column 'a'")]
    [TestCase("\n \n", null, "d.csv: the file holds no values; expected one value per line")]
    public void A_malformed_file_is_refused_where_it_goes_wrong(string text, string? column, string expected)
    {
        Assert.That(Error(text, column), Is.EqualTo(expected));
    }

    [Test]
    public void An_endless_line_is_refused_after_the_limit_not_buffered()
    {
        var e = Assert.Throws<TraceFormatException>(() => DataColumn.Read(new StringReader(new string('7', 200_000)), "d.csv", null).ToList())!;

        Assert.That(e.Error.ToString(), Does.StartWith("d.csv:1:65537: the line is longer than 65,536 characters"));
    }

    [Test]
    public void An_empty_column_name_is_a_programming_error()
    {
        Assert.That(() => DataColumn.Read(new StringReader("a\n1\n"), "d.csv", string.Empty), Throws.ArgumentException);
    }
}
