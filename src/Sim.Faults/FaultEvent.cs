using Sim.Engine;

namespace Sim.Faults;

/// <summary>One thing an injector did.</summary>
/// <param name="Time">When.</param>
/// <param name="Fault">The fault's name.</param>
/// <param name="Target">The node, the pod (<c>NAMESPACE/NAME</c>), <c>apiserver</c> or <c>scheduler</c>.</param>
/// <param name="Action">What happened.</param>
public readonly record struct FaultEvent(SimTime Time, string Fault, string Target, FaultAction Action);
