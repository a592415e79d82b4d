using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Sim.Cli.Explain;

/// <summary><c>sim explain</c>'s human output: a table of nodes × filter verdict and scores, then the choice.</summary>
internal static class ExplanationTable
{
    public static void Write(IAnsiConsole console, Explanation explanation)
    {
        console.MarkupLine(Invariant($"Pod [bold]{Markup.Escape(explanation.Pod)}[/], profile [bold]{Markup.Escape(explanation.Profile)}[/]: {explanation.FeasibleNodes} of {explanation.Nodes.Length} node(s) feasible."));
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Node");
        table.AddColumn("Filter");

        // Nothing was scored when nothing fits: the score columns would all be empty.
        var scored = explanation.FeasibleNodes != 0;
        var plugins = scored ? explanation.ScorePlugins : [];
        foreach (var (name, weight) in plugins)
        {
            table.AddColumn(new TableColumn(Invariant($"{Markup.Escape(name)} ×{weight}")).RightAligned());
        }

        if (scored)
        {
            table.AddColumn(new TableColumn("Total").RightAligned());
        }

        foreach (var node in explanation.Nodes)
        {
            var row = new List<IRenderable>
            {
                node.Name == explanation.Selected ? new Markup($"[green bold]{Markup.Escape(node.Name)}[/] ✓") : new Text(node.Name),
                node.Feasible ? new Markup("[green]passes[/]") : new Markup($"[red]{Markup.Escape(node.FilterPlugin ?? "?")}[/]: {Markup.Escape(node.FilterReason ?? string.Empty)}"),
            };
            foreach (var (plugin, _) in plugins)
            {
                var score = node.Scores.FirstOrDefault(s => s.Plugin == plugin);
                row.Add(new Text(score.Plugin is null ? (node.Feasible ? "skipped" : string.Empty) : Invariant($"{score.Score.Raw} → {score.Score.Normalized} → {score.Score.Weighted}")));
            }

            if (scored)
            {
                row.Add(new Text(node.Total is { } total ? total.ToString(CultureInfo.InvariantCulture) : string.Empty));
            }

            table.AddRow(row);
        }

        console.Write(table);
        if (plugins.Length != 0)
        {
            console.MarkupLine("[grey]Score cells: raw → normalized → weighted (normalized × the plugin's weight); the total adds the weighted scores.[/]");
        }

        if (explanation.Selected is { } selected)
        {
            var total = explanation.Nodes.First(n => n.Name == selected).Total;
            var tie = explanation.TiedNodes > 1
                ? Invariant($"; a tie among {explanation.TiedNodes} nodes, broken by the scheduler's seeded random choice")
                : string.Empty;
            console.MarkupLine(Invariant($"Selected: [green bold]{Markup.Escape(selected)}[/] (total {total}{tie})."));
        }
        else
        {
            console.MarkupLine($"[red]No node fits:[/] {Markup.Escape(explanation.Message ?? string.Empty)}");
        }

        if (explanation.Preemption is { } preemption)
        {
            var by = preemption.Plugin is null ? string.Empty : $" ({Markup.Escape(preemption.Plugin)})";
            console.MarkupLine($"Preemption{by}: {Markup.Escape(preemption.Message)}");
        }

        foreach (var note in explanation.Notes)
        {
            console.MarkupLine($"[grey]Note:[/] {Markup.Escape(note)}");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
