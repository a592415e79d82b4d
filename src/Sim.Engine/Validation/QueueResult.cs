namespace Sim.Engine.Validation;

/// <summary>What one queueing run measured over its customers after the warm-up.</summary>
/// <param name="Customers">Customers measured (after the warm-up).</param>
/// <param name="Events">Events the kernel ran, warm-up included.</param>
/// <param name="WaitInQueue">Mean wait before service, Wq, in seconds.</param>
/// <param name="TimeInSystem">Mean time from arrival to departure, W, in seconds.</param>
/// <param name="ProbabilityOfWaiting">Fraction of customers that waited at all, P(wait).</param>
public sealed record QueueResult(
    long Customers,
    long Events,
    Estimate WaitInQueue,
    Estimate TimeInSystem,
    Estimate ProbabilityOfWaiting);
