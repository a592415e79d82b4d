using System.Collections.Immutable;

namespace Sim.Kubernetes;

/// <summary>What a reader made of a file: the value when there was no error, and every diagnostic in file order.</summary>
/// <typeparam name="T">What was read.</typeparam>
public sealed class ReadResult<T>
    where T : class
{
    internal ReadResult(T? value, ImmutableArray<Diagnostic> diagnostics)
    {
        Diagnostics = diagnostics;
        Value = diagnostics.Any(d => d.IsError) ? null : value;
    }

    /// <summary>What was read; null when there was any error.</summary>
    public T? Value { get; }

    /// <summary>Errors and warnings, in file order.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The errors.</summary>
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);

    /// <summary>The warnings (ignored fields and kinds).</summary>
    public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => !d.IsError);

    /// <summary>True when there was no error.</summary>
    public bool Succeeded => Value is not null;
}
