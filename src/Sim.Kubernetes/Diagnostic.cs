using System.Globalization;

namespace Sim.Kubernetes;

/// <summary>
/// One problem found in an input file: where it is (file, line and column, 1-based; 0 when the file
/// could not be read at all) and what was expected. Printed as <c>cluster.yaml:12:7: message</c>.
/// </summary>
/// <param name="Source">The file as the user named it.</param>
/// <param name="Line">The line, from 1; 0 when there is none.</param>
/// <param name="Column">The column, from 1; 0 when there is none.</param>
/// <param name="Message">What is wrong and what was expected, starting with the field path when there is one.</param>
/// <param name="Severity">An error (the input is refused) or a warning (something was ignored).</param>
public sealed record Diagnostic(string Source, long Line, long Column, string Message, DiagnosticSeverity Severity = DiagnosticSeverity.Error)
{
    /// <summary>True for an error.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary><c>file:line:column: message</c>, with <c>warning: </c> before a warning's message.</summary>
    public override string ToString()
    {
        var where = Line > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{Source}:{Line}:{Column}")
            : Source;
        return Severity == DiagnosticSeverity.Warning ? $"{where}: warning: {Message}" : $"{where}: {Message}";
    }
}
