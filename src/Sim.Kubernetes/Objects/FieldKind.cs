namespace Sim.Kubernetes.Objects;

/// <summary>What kind of value a field of a Kubernetes model holds.</summary>
internal enum FieldKind
{
    String,
    Integer,
    Boolean,
    Number,
    Quantity,
    IntOrString,
    Object,
    List,
    Map,
    Any,
}
