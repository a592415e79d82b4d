using Sim.Engine;

namespace Sim.Cluster.Controllers;

/// <summary>
/// A controller's work queue, as client-go's: keys are deduplicated while they wait, processed in the
/// order they were added, by one worker, in one simulation event after the current one.
/// </summary>
internal sealed class WorkQueue<TKey>
    where TKey : notnull
{
    private static readonly Action<WorkQueue<TKey>> DrainHandler = static queue => queue.Drain();

    private readonly Simulation _simulation;
    private readonly Action<TKey> _process;
    private readonly Queue<TKey> _order = new();
    private readonly HashSet<TKey> _waiting = [];
    private bool _scheduled;

    public WorkQueue(Simulation simulation, Action<TKey> process)
    {
        _simulation = simulation;
        _process = process;
    }

    public void Add(TKey key)
    {
        if (_waiting.Add(key))
        {
            _order.Enqueue(key);
        }

        if (!_scheduled)
        {
            _scheduled = true;
            _simulation.ScheduleAfter(TimeSpan.Zero, DrainHandler, this);
        }
    }

    private void Drain()
    {
        _scheduled = false;
        var count = _order.Count;
        for (var i = 0; i < count; i++)
        {
            var key = _order.Dequeue();
            _waiting.Remove(key);
            _process(key);
        }
    }
}
