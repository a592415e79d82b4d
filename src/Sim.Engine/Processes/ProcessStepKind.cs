namespace Sim.Engine.Processes;

internal enum ProcessStepKind : byte
{
    Delay,
    Until,
    Suspend,
    WaitFor,
}
