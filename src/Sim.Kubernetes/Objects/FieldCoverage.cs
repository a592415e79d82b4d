namespace Sim.Kubernetes.Objects;

/// <summary>How much of a field Sim reads.</summary>
internal enum FieldCoverage
{
    /// <summary>Not at all: the field is ignored with a warning.</summary>
    None,

    /// <summary>Some of the fields below it.</summary>
    Partial,

    /// <summary>The field and everything below it.</summary>
    Whole,
}
