using System.Text;
using System.Text.Json;

namespace Sim.Cli.Explain;

/// <summary>
/// <c>sim explain --json</c>: one JSON document. The keys <c>nodes</c> (each with <c>name</c>,
/// <c>feasible</c>, <c>filter</c>, <c>scores</c>, <c>total</c>) and <c>selected</c> are a public
/// contract; the others may grow.
/// </summary>
internal static class ExplanationJson
{
    public static string Write(Explanation explanation)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("pod", explanation.Pod);
            json.WriteNumber("priority", explanation.Priority);
            json.WriteString("profile", explanation.Profile);
            json.WriteStartArray("nodes");
            foreach (var node in explanation.Nodes)
            {
                json.WriteStartObject();
                json.WriteString("name", node.Name);
                json.WriteBoolean("feasible", node.Feasible);
                if (node.Feasible)
                {
                    json.WriteNull("filter");
                }
                else
                {
                    json.WriteStartObject("filter");
                    json.WriteString("plugin", node.FilterPlugin);
                    json.WriteString("reason", node.FilterReason);
                    json.WriteEndObject();
                }

                json.WriteStartObject("scores");
                foreach (var (plugin, score) in node.Scores)
                {
                    json.WriteStartObject(plugin);
                    json.WriteNumber("raw", score.Raw);
                    json.WriteNumber("normalized", score.Normalized);
                    json.WriteNumber("weighted", score.Weighted);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
                if (node.Total is { } total)
                {
                    json.WriteNumber("total", total);
                }
                else
                {
                    json.WriteNull("total");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (explanation.Selected is { } selected)
            {
                json.WriteString("selected", selected);
            }
            else
            {
                json.WriteNull("selected");
            }

            json.WriteNumber("feasibleNodes", explanation.FeasibleNodes);
            json.WriteNumber("tiedNodes", explanation.TiedNodes);
            json.WriteNumber("sampledNodes", explanation.SampledNodes);
            json.WriteStartArray("scorePlugins");
            foreach (var (name, weight) in explanation.ScorePlugins)
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteNumber("weight", weight);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (explanation.Message is { } message)
            {
                json.WriteString("message", message);
            }
            else
            {
                json.WriteNull("message");
            }

            if (explanation.Preemption is { } preemption)
            {
                json.WriteStartObject("preemption");
                json.WriteString("plugin", preemption.Plugin);
                json.WriteString("nominatedNode", preemption.NominatedNode);
                json.WriteString("message", preemption.Message);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("preemption");
            }

            json.WriteStartArray("notes");
            foreach (var note in explanation.Notes)
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
