namespace Sim.Engine.Processes;

/// <summary>
/// A model component written as sequential code: an iterator that yields <see cref="ProcessStep"/>
/// values, driven by the event-scheduling core. Each step is one event whose state is this object,
/// so a running process allocates nothing per step.
/// </summary>
/// <example>
/// <code>
/// static IEnumerable&lt;ProcessStep&gt; Heartbeat(Node node)
/// {
///     while (node.IsUp)
///     {
///         node.RenewLease();
///         yield return ProcessStep.Delay(TimeSpan.FromSeconds(10));
///     }
/// }
/// var process = simulation.Start(Heartbeat(node), "heartbeat");
/// </code>
/// </example>
public sealed class Process
{
    private static readonly Action<Process> StepHandler = static process => process.Step();

    private readonly Simulation _simulation;
    private IEnumerator<ProcessStep>? _body;
    private EventHandle _pending;
    private List<Process>? _joiners;

    internal Process(Simulation simulation, IEnumerator<ProcessStep> body, string name)
    {
        _simulation = simulation;
        _body = body;
        Name = name;
        Status = ProcessStatus.Waiting;
        _pending = simulation.ScheduleAfter(TimeSpan.Zero, StepHandler, this);
    }

    /// <summary>The name given at start, for logs and errors.</summary>
    public string Name { get; }

    /// <summary>Where the process is in its life.</summary>
    public ProcessStatus Status { get; private set; }

    /// <summary>True until the body returns or the process is killed.</summary>
    public bool IsAlive => Status != ProcessStatus.Finished;

    /// <summary>
    /// Wakes a suspended process: its next step runs at the current time, after the events already
    /// due now. Returns false (and does nothing) if the process is not suspended.
    /// </summary>
    public bool Resume()
    {
        if (Status != ProcessStatus.Suspended)
        {
            return false;
        }

        Status = ProcessStatus.Waiting;
        _pending = _simulation.ScheduleAfter(TimeSpan.Zero, StepHandler, this);
        return true;
    }

    /// <summary>
    /// Ends the process: cancels its pending step, disposes its body (running its <c>finally</c>
    /// blocks) and releases processes waiting for it. Returns false if it had already finished.
    /// </summary>
    /// <exception cref="InvalidOperationException">When a process tries to kill itself from inside its body: return instead.</exception>
    public bool Kill()
    {
        if (Status == ProcessStatus.Running)
        {
            throw new InvalidOperationException($"Process '{Name}' cannot kill itself while running; return from its body instead.");
        }

        if (Status == ProcessStatus.Finished)
        {
            return false;
        }

        _simulation.Cancel(_pending);
        Finish();
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"process '{Name}' ({Status})";

    private void Step()
    {
        _pending = default;
        Status = ProcessStatus.Running;
        if (!_body!.MoveNext())
        {
            Finish();
            return;
        }

        var step = _body.Current;
        switch (step.Kind)
        {
            case ProcessStepKind.Delay:
                Status = ProcessStatus.Waiting;
                _pending = _simulation.ScheduleAfter(new TimeSpan(step.Ticks), StepHandler, this);
                break;
            case ProcessStepKind.Until:
                Status = ProcessStatus.Waiting;
                _pending = _simulation.ScheduleAt(SimTime.FromTicks(step.Ticks), StepHandler, this);
                break;
            case ProcessStepKind.Suspend:
                Status = ProcessStatus.Suspended;
                break;
            case ProcessStepKind.WaitFor:
                var other = step.Other!;
                if (other.IsAlive)
                {
                    Status = ProcessStatus.Joining;
                    (other._joiners ??= []).Add(this);
                }
                else
                {
                    Status = ProcessStatus.Waiting;
                    _pending = _simulation.ScheduleAfter(TimeSpan.Zero, StepHandler, this);
                }

                break;
            default:
                throw new InvalidOperationException($"Process '{Name}' yielded an unknown step.");
        }
    }

    private void Finish()
    {
        Status = ProcessStatus.Finished;
        _body?.Dispose();
        _body = null;
        if (_joiners is { } joiners)
        {
            _joiners = null;
            foreach (var joiner in joiners)
            {
                if (joiner.Status == ProcessStatus.Joining)
                {
                    joiner.Status = ProcessStatus.Waiting;
                    joiner._pending = _simulation.ScheduleAfter(TimeSpan.Zero, StepHandler, joiner);
                }
            }
        }
    }
}
