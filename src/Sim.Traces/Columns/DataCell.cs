namespace Sim.Traces.Columns;

/// <summary>One value of a data file as written, and where it is.</summary>
/// <param name="Line">Its line, from 1.</param>
/// <param name="Column">The character column where it starts, from 1.</param>
/// <param name="Text">Its text, spaces around it removed.</param>
public readonly record struct DataCell(long Line, long Column, string Text);
