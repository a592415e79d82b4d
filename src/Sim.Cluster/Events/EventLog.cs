using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sim.Cluster.Events;

/// <summary>
/// The cluster's event log: every write to the API server, in order. It is identical for identical
/// seeds, and can be written as JSON lines (one object per line: <c>time_s</c>, <c>component</c>,
/// <c>kind</c>, <c>namespace</c>, <c>name</c>, <c>change</c>, <c>rv</c>).
/// </summary>
public sealed class EventLog
{
    private readonly List<ClusterEvent> _events = [];

    /// <summary>Whether writes are recorded (off for large runs that do not ask for the log).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The events so far.</summary>
    public IReadOnlyList<ClusterEvent> Events => _events;

    /// <summary>Records an event when the log is enabled.</summary>
    public void Record(ClusterEvent clusterEvent)
    {
        if (Enabled)
        {
            _events.Add(clusterEvent);
        }
    }

    /// <summary>Writes the log as JSON lines with invariant formatting and LF line ends.</summary>
    public void WriteJsonLines(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var buffer = new MemoryStream();
        foreach (var e in _events)
        {
            buffer.SetLength(0);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("time_s", FormatSeconds(e.Time.Ticks));
                json.WriteString("component", e.Component);
                json.WriteString("kind", e.Target.Kind);
                json.WriteString("namespace", e.Target.Namespace);
                json.WriteString("name", e.Target.Name);
                json.WriteString("change", e.Change);
                json.WriteNumber("rv", e.ResourceVersion);
                json.WriteEndObject();
            }

            writer.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            writer.Write('\n');
        }
    }

    private static string FormatSeconds(long ticks) =>
        string.Create(CultureInfo.InvariantCulture, $"{ticks / TimeSpan.TicksPerSecond}.{ticks % TimeSpan.TicksPerSecond:D7}");
}
