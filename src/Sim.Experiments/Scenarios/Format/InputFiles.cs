using System.Collections.Immutable;
using System.Text;
using System.Text.Unicode;
using Sim.Kubernetes;
using Sim.Scheduling;
using Sim.Traces;
using Sim.Traces.Columns;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Scenarios.Format;

/// <summary>
/// Reads the scenario file and the files it names (nodes, manifests, scheduler configurations, data of empirical distributions),
/// each once however many variants refer to it, with bounds on size and a strict UTF-8 check.
/// </summary>
internal sealed class InputFiles(string baseDirectory, PluginRegistry plugins)
{
    /// <summary>The largest scenario file read: far beyond a hand-written one, small enough to parse in about a second.</summary>
    public const long MaxScenarioBytes = 16L << 20;

    /// <summary>The largest referenced Kubernetes file read (a dump of thousands of nodes fits).</summary>
    public const long MaxReferencedBytes = 64L << 20;

    private readonly Dictionary<(string Kind, string Path), Entry> _cache = [];

    private readonly Dictionary<(string Kind, string Path), object> _loaded = [];

    /// <summary>Diagnostics of the referenced files, each with the place in the scenario that named the file, in reading order.</summary>
    public List<(Mark Anchor, Diagnostic Diagnostic)> External { get; } = [];

    /// <summary>A text file's contents, or what is wrong with it: not there, too large, unreadable, or not UTF-8 (with the place of the first bad byte).</summary>
    public readonly record struct Text(string? Content, string? Error, bool NotFound, long Line, long Column);

    public static Text Read(string path, long maxBytes)
    {
        byte[] bytes;
        try
        {
            if (Directory.Exists(path))
            {
                return new Text(null, "is a folder, not a file", false, 0, 0);
            }

            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return new Text(null, "file not found", true, 0, 0);
            }

            if (info.Length > maxBytes)
            {
                return new Text(null, $"the file is {info.Length:N0} bytes long; at most {maxBytes:N0} bytes are read", false, 0, 0);
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return new Text(null, e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot read the file: {e.Message}",
                e is FileNotFoundException or DirectoryNotFoundException, 0, 0);
        }

        return Decode(bytes);
    }

    /// <summary>Strict UTF-8 (a leading byte order mark is skipped).</summary>
    public static Text Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == System.Buffers.OperationStatus.Done)
        {
            return new Text(new string(chars, 0, written), null, false, 0, 0);
        }

        var before = bytes[..read];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
        return new Text(null, $"invalid UTF-8 (byte 0x{bytes[read]:X2}); expected a UTF-8 text file", false, line, column);
    }

    /// <summary>The Kubernetes objects of the file <paramref name="name"/> names (relative to the scenario), or null when it cannot be read.</summary>
    public KubernetesObjects? Kubernetes(Binder b, YamlNode at, string path, string name) =>
        Get(b, at, path, name, "kubernetes", (text, source) =>
        {
            var result = KubernetesYamlReader.Read(text, source);
            return (result.Value, result.Diagnostics);
        }) as KubernetesObjects;

    /// <summary>The scheduler configuration in the file <paramref name="name"/> names, or null when it cannot be read or is invalid.</summary>
    public SchedulerConfiguration? SchedulerConfiguration(Binder b, YamlNode at, string path, string name) =>
        Get(b, at, path, name, "scheduler", (text, source) =>
        {
            var result = SchedulerConfigReader.Read(text, source, plugins);
            return (result.Value, result.Diagnostics);
        }) as SchedulerConfiguration;

    /// <summary>What <paramref name="load"/> gives for the file <paramref name="path"/>, loaded once per kind and full path for all variants.</summary>
    public T Cached<T>(string kind, string path, Func<T> load)
        where T : notnull
    {
        var key = (kind, Path.GetFullPath(path));
        if (!_loaded.TryGetValue(key, out var value))
        {
            _loaded[key] = value = load();
        }

        return (T)value;
    }

    /// <summary>
    /// The values of a data file (relative to the scenario): column <paramref name="column"/> of a CSV file
    /// with a header, or one value per line when it is null, each read in <paramref name="unit"/>; null
    /// when the file cannot be read or a value is bad. Every problem is reported at the data file's line
    /// and column, after <paramref name="path"/> (the first field that names the file, column and unit).
    /// </summary>
    public ImmutableArray<double>? Values(Binder b, YamlNode at, string path, string name, string? column, Unit unit) =>
        Get(b, at, path, name, $"values|{unit}|{column}", (text, source) => DataValues(text, source, path, column, unit)) as ImmutableArray<double>?;

    /// <summary>The path a file name means: relative names start at the scenario's folder.</summary>
    public string Resolve(string name) => Path.Combine(baseDirectory, name);

    private object? Get(Binder b, YamlNode at, string path, string name, string kind, Func<string, string, (object? Value, ImmutableArray<Diagnostic> Diagnostics)> parse)
    {
        var resolved = Resolve(name);
        string key;
        try
        {
            key = Path.GetFullPath(resolved);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            b.Error(at.Start, $"{path}: \"{name}\" is not a valid file name");
            return null;
        }

        if (!_cache.TryGetValue((kind, key), out var entry))
        {
            entry = Load(resolved, parse, at);
            _cache[(kind, key)] = entry;
        }

        if (entry.Error is { } error)
        {
            b.Error(at.Start, $"{path}: {error}");
        }

        return entry.Value;
    }

    private Entry Load(string resolved, Func<string, string, (object? Value, ImmutableArray<Diagnostic> Diagnostics)> parse, YamlNode at)
    {
        var text = Read(resolved, MaxReferencedBytes);
        if (text.NotFound)
        {
            return new Entry(null, $"file \"{resolved}\" not found");
        }

        if (text.Content is null)
        {
            if (text.Line > 0)
            {
                External.Add((at.Start, new Diagnostic(resolved, text.Line, text.Column, text.Error!)));
                return new Entry(null, null);
            }

            return new Entry(null, $"cannot read \"{resolved}\": {text.Error}");
        }

        var (value, diagnostics) = parse(text.Content, resolved);
        foreach (var diagnostic in diagnostics)
        {
            External.Add((at.Start, diagnostic));
        }

        return new Entry(value, null);
    }

    private static (object? Value, ImmutableArray<Diagnostic> Diagnostics) DataValues(string text, string source, string path, string? column, Unit unit)
    {
        const int MaxErrors = 20;
        var values = ImmutableArray.CreateBuilder<double>();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var bad = 0;
        var where = column is null ? string.Empty : $"column '{column}': ";
        try
        {
            foreach (var cell in DataColumn.Read(new StringReader(text), source, column))
            {
                if (Units.Amount(cell.Text, unit, out var error) is { } value)
                {
                    values.Add(value);
                    continue;
                }

                if (++bad <= MaxErrors)
                {
                    var hint = column is null && cell.Line == 1 && bad == 1 ? " (if line 1 is a header, name the column with column:)" : string.Empty;
                    diagnostics.Add(new Diagnostic(source, cell.Line, cell.Column, $"{path}: {where}{error}{hint}"));
                }
            }
        }
        catch (TraceFormatException e)
        {
            var problem = e.Error;
            diagnostics.Add(new Diagnostic(source, problem.Line, problem.Column, $"{path}: {(problem.ColumnName is { } named ? $"column '{named}': " : string.Empty)}{problem.Message}"));
            return (null, diagnostics.ToImmutable());
        }

        if (bad > MaxErrors)
        {
            diagnostics.Add(new Diagnostic(source, 0, 0, $"{path}: {bad - MaxErrors:N0} more bad values in this file"));
        }

        return bad == 0 ? (values.ToImmutable(), diagnostics.ToImmutable()) : (null, diagnostics.ToImmutable());
    }

    private sealed record Entry(object? Value, string? Error);
}
