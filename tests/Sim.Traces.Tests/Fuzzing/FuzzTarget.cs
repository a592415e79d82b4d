namespace Sim.Traces.Tests.Fuzzing;

/// <summary>A reader of user input under the fuzzer.</summary>
/// <param name="Name">The target's name; also the folder of its regression inputs (Fuzzing/Regressions/NAME).</param>
/// <param name="Read">Reads an input to the end (enumerating every record).</param>
/// <param name="Documented">
/// The exception the reader documents for bad input (<see cref="TraceFormatException"/>), or null for
/// a reader that must return diagnostics and never throw.
/// </param>
/// <param name="Seeds">Valid inputs to mutate.</param>
internal sealed record FuzzTarget(string Name, Action<byte[]> Read, Type? Documented, IReadOnlyList<byte[]> Seeds)
{
    public override string ToString() => Name;
}
