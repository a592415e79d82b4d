using Sim.Experiments.Scenarios;
using Sim.Workloads;
using static Sim.Experiments.Tests.Scenarios.ScenarioFiles;

namespace Sim.Experiments.Tests.Scenarios;

/// <summary><c>{empirical: {file, column}}</c>: distributions whose values come from a data file, in the field's unit.</summary>
public class EmpiricalFileTests
{
    private DirectoryInfo _dir = null!;

    [SetUp]
    public void CreateFolder() => _dir = TempDirectory();

    [TearDown]
    public void DeleteFolder() => _dir.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Job(string duration, string cpu = "1", string memory = "1Gi") =>
        Minimal + $"workloads:\n- {{name: w, kind: Job, count: 1, duration: {duration}, cpu: {cpu}, memory: {memory}}}\n";

    private JobWorkload ReadJob(string scenario)
    {
        var result = ScenarioReader.ReadFile(Write("s.yaml", scenario), Options());
        Assert.That(Messages(result), Is.Empty);
        return (JobWorkload)result.Value!.Variants[0].Workloads[0];
    }

    private string[] Errors(string scenario) => Messages(ScenarioReader.ReadFile(Write("s.yaml", scenario), Options()));

    [Test]
    public void A_column_is_read_in_the_fields_unit()
    {
        Write("jobs.csv", "name,duration,cpu,memory\na,90,500m,512Mi\nb,2m,2,1Gi\nc,1h30m,1.5,1e9\n");

        var job = ReadJob(Job("{empirical: {file: jobs.csv, column: duration}}", "{empirical: {file: jobs.csv, column: cpu}}", "{empirical: {file: jobs.csv, column: memory}, max: 1Gi}"));

        Assert.Multiple(() =>
        {
            Assert.That(job.Duration.Mean, Is.EqualTo((90 + 120 + 5400) / 3.0), "seconds: bare numbers and durations");
            Assert.That(job.Pod.Cpu.Mean, Is.EqualTo((500 + 2000 + 1500) / 3.0), "milli-CPU");
            Assert.That(job.Pod.Memory.Mean, Is.EqualTo(((512L << 20) + (1L << 30) + 1e9) / 3), "bytes");
            Assert.That(job.Pod.Memory.ToString(), Does.StartWith("empirical(3 values) clamped"));
        });
    }

    [Test]
    public void Without_a_column_the_file_has_one_value_per_line()
    {
        Write("durations.txt", "30\n\n1m\n90s\n");

        var job = ReadJob(Job("{empirical: {file: durations.txt}}"));

        Assert.That(job.Duration.Mean, Is.EqualTo(60));
    }

    [Test]
    public void Draws_resample_the_files_values()
    {
        Write("d.txt", "10\n20\n40\n");
        var job = ReadJob(Job("{empirical: {file: d.txt}}"));
        var random = new Random(3);

        var draws = Enumerable.Range(0, 300).Select(_ => job.Duration.Sample(random)).ToList();

        Assert.That(draws.Distinct().Order(), Is.EqualTo(new[] { 10.0, 20.0, 40.0 }));
    }

    [Test]
    public void The_shipped_data_file_reads_as_the_gpu_scenario_uses_it()
    {
        var data = Path.Combine(RepositoryRoot(), "scenarios", "data", "gpu-jobs.csv");
        var rows = File.ReadAllLines(data).Skip(1).Select(l => l.Split(',')).ToList();

        var job = ReadJob(Job($"{{empirical: {{file: '{data}', column: duration_s}}}}"));

        Assert.That(job.Duration.Mean, Is.EqualTo(rows.Average(r => double.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture))).Within(1e-9));
    }

    [Test]
    public void Every_bad_value_is_reported_at_its_line_and_column_in_the_data_file_with_the_scenario_field()
    {
        var data = Write("jobs.csv", "name,duration\na,90\nb,soon\nc,-5m\nd,1e400\n");

        var errors = Errors(Job("{empirical: {file: jobs.csv, column: duration}}"));

        Assert.That(errors, Is.EqualTo(new[]
        {
            $"{data}:3:3: workloads[0].duration.empirical.file: column 'duration': expected a duration such as 90s, 10m, 2h, 1h30m or 1d, got \"soon\"",
            $"{data}:4:3: workloads[0].duration.empirical.file: column 'duration': expected a duration that is not negative, got \"-5m\"",
            $"{data}:5:3: workloads[0].duration.empirical.file: column 'duration': expected a duration of at most 10675199d, got \"1e400\"",
        }));
    }

    [Test]
    public void Quantities_are_checked_as_the_scenario_checks_them()
    {
        var data = Write("m.txt", "1Gi\n-1\n12Qi\n");

        var errors = Errors(Job("1m", memory: "{empirical: {file: m.txt}}"));

        Assert.That(errors, Has.Length.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(errors[0], Is.EqualTo($"{data}:2:1: workloads[0].memory.empirical.file: '-1' is negative; expected a non-negative amount"));
            Assert.That(errors[1], Does.StartWith($"{data}:3:1: workloads[0].memory.empirical.file: "));
        });
    }

    [Test]
    public void A_header_without_a_column_named_hints_at_the_column()
    {
        var data = Write("d.csv", "duration_s\n30\n");

        var errors = Errors(Job("{empirical: {file: d.csv}}"));

        Assert.That(errors, Is.EqualTo(new[]
        {
            $"{data}:1:1: workloads[0].duration.empirical.file: expected a duration such as 90s, 10m, 2h, 1h30m or 1d, got \"duration_s\" (if line 1 is a header, name the column with column:)",
        }));
    }

    [Test]
    public void A_file_of_the_wrong_shape_is_reported_at_its_place()
    {
        var data = Write("d.csv", "job,duraton\na,30\n");
        var empty = Write("e.txt", "\n");

        var errors = Errors(Job("{empirical: {file: d.csv, column: duration}}", cpu: "{empirical: {file: e.txt}}"));

        Assert.That(errors, Is.EqualTo(new[]
        {
            $"{data}:1:1: workloads[0].duration.empirical.file: the header has no column 'duration'; its columns are 'job', 'duraton'",
            $"{empty}: workloads[0].cpu.empirical.file: the file holds no values; expected one value per line",
        }));
    }

    [Test]
    public void Many_bad_values_give_twenty_errors_and_a_count_of_the_rest()
    {
        var data = Write("d.txt", string.Concat(Enumerable.Repeat("x\n", 25)));

        var errors = Errors(Job("{empirical: {file: d.txt}}"));

        Assert.Multiple(() =>
        {
            Assert.That(errors, Has.Length.EqualTo(21));
            Assert.That(errors[^1], Is.EqualTo($"{data}: workloads[0].duration.empirical.file: 5 more bad values in this file"));
        });
    }

    [Test]
    public void A_missing_file_and_bad_keys_are_reported_in_the_scenario()
    {
        var errors = Errors(Job("{empirical: {file: nowhere.csv, column: d}}", cpu: "{empirical: {column: c}}", memory: "{empirical: {file: x, colum: c}}"));

        Assert.That(errors, Has.Length.EqualTo(4));
        Assert.Multiple(() =>
        {
            Assert.That(errors[0], Does.Match(@"s\.yaml:11:\d+: workloads\[0\]\.duration\.empirical\.file: file "".*nowhere\.csv"" not found"));
            Assert.That(errors[1], Does.Match(@"s\.yaml:11:\d+: workloads\[0\]\.cpu\.empirical: missing required field ""file"" \(a data file relative to the scenario"));
            Assert.That(errors[2..], Has.One.Match(@"s\.yaml:11:\d+: workloads\[0\]\.memory\.empirical\.colum: unknown field ""colum"" \(did you mean ""column""\?\)"));
            Assert.That(errors[2..], Has.One.Match(@"s\.yaml:11:\d+: workloads\[0\]\.memory\.empirical\.file: file "".*/x"" not found"));
        });
    }

    [Test]
    public void A_file_named_by_several_fields_is_read_once_per_unit()
    {
        Write("d.csv", "a\n1\n2\n");

        var result = ScenarioReader.ReadFile(Write("s.yaml", Minimal + """
            workloads:
            - {name: w, kind: Job, count: 1, duration: {empirical: {file: d.csv, column: a}}, cpu: {empirical: {file: d.csv, column: a}}, memory: 1Gi, parallelism: {empirical: {file: d.csv, column: a}}}
            sweep:
            - {parameter: workloads.w.count, values: [1, 2]}

            """), Options());

        Assert.That(Messages(result), Is.Empty);
        var jobs = result.Value!.Variants.Select(v => (JobWorkload)v.Workloads[0]).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(jobs.Select(j => j.Duration.Mean), Is.All.EqualTo(1.5), "seconds");
            Assert.That(jobs.Select(j => j.Pod.Cpu.Mean), Is.All.EqualTo(1500), "milli-CPU");
            Assert.That(jobs.Select(j => j.Parallelism.Mean), Is.All.EqualTo(1.5), "a count");
        });
    }
}
