using Sim.Traces.Csv;

namespace Sim.Traces.Alibaba2018;

/// <summary>
/// cluster-trace-v2018's normalized values: 0 to 100, with −1 and 101 marking invalid values (read as
/// null); anything else outside 0 to 100 is an error.
/// </summary>
internal static class NormalizedField
{
    public static double? Read<TRow>(scoped ref TRow row, int column, string meaning)
        where TRow : ITraceRow, allows ref struct
    {
        if (RowFields.Text(ref row, column).IsEmpty)
        {
            return null;
        }

        var value = RowFields.Double(ref row, column, -1, 101, meaning + ", 0 to 100, or -1 or 101 for invalid");
        if (value is -1 or 101)
        {
            return null;
        }

        if (value is < 0 or > 100)
        {
            throw RowFields.Error(ref row, column, $"expected {meaning}: a number from 0 to 100 (or -1 or 101 for invalid), got {RowFields.Describe(RowFields.Text(ref row, column), outOfRange: true)}");
        }

        return value;
    }
}
