namespace Sim.Kubernetes;

/// <summary>How serious a <see cref="Diagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The input cannot be used.</summary>
    Error,

    /// <summary>Something in the input was ignored; the rest was read.</summary>
    Warning,
}
