
namespace Sim.Engine.Tests;

/// <summary>Schedules labelled events and records the order in which they run.</summary>
internal sealed class EventRecorder(Simulation simulation)
{
    public List<(long Ticks, string Label)> Log { get; } = [];

    public EventHandle At(long ticks, string label) =>
        simulation.ScheduleAt(SimTime.FromTicks(ticks), static entry => entry.Recorder.Record(entry.Label), new Entry(this, label));

    public EventHandle After(long ticks, string label) =>
        simulation.ScheduleAfter(TimeSpan.FromTicks(ticks), static entry => entry.Recorder.Record(entry.Label), new Entry(this, label));

    public IEnumerable<string> Labels => Log.Select(entry => entry.Label);

    private void Record(string label) => Log.Add((simulation.Now.Ticks, label));

    private sealed record Entry(EventRecorder Recorder, string Label);
}
