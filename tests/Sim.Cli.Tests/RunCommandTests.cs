namespace Sim.Cli.Tests;

public class RunCommandTests
{
    private string _root = null!;

    [SetUp]
    public void CreateScratchFolder()
    {
        _root = Path.Combine(Path.GetTempPath(), "sim-cli-tests", TestContext.CurrentContext.Test.ID);
        Directory.CreateDirectory(_root);
    }

    [TearDown]
    public void DeleteScratchFolder() => Directory.Delete(_root, recursive: true);

    [Test]
    public void The_demo_writes_the_contract_files_with_the_contract_columns()
    {
        var (code, _, _) = Sim("run", "--out", Out("a"), "--seeds", "1..2");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0));
            Assert.That(FirstLine("a", "summary.csv"), Does.StartWith("scenario,policy,seed,"));
            Assert.That(FirstLine("a", "timing.csv"), Is.EqualTo("scenario,policy,seed,wall_seconds,events,events_per_second,peak_memory_bytes"));
            Assert.That(FirstLine("a", "stats.csv"), Does.StartWith("scenario,policy,metric,n,mean,sd,ci95_low,ci95_high"));
            Assert.That(File.ReadAllLines(Path.Combine(Out("a"), "summary.csv")), Has.Length.EqualTo(1 + (4 * 2)));
        });
    }

    [Test]
    public void The_same_seeds_give_byte_identical_results()
    {
        Sim("run", "--out", Out("a"), "--seeds", "3,4");
        Sim("run", "--out", Out("b"), "--seeds", "3,4");

        Assert.Multiple(() =>
        {
            foreach (var file in new[] { "summary.csv", "stats.csv" })
            {
                Assert.That(File.ReadAllBytes(Path.Combine(Out("b"), file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(Out("a"), file))), file);
            }
        });
    }

    [Test]
    public void The_confidence_interval_is_the_student_t_interval_over_seeds()
    {
        Sim("run", "--out", Out("a"), "--seeds", "1..3");
        var waits = File.ReadAllLines(Path.Combine(Out("a"), "summary.csv")).Skip(1)
            .Select(line => line.Split(',')).Where(cells => cells[0] == "mm1-rho0.8")
            .Select(cells => double.Parse(cells[6], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var row = File.ReadAllLines(Path.Combine(Out("a"), "stats.csv"))
            .Select(line => line.Split(',')).Single(cells => cells[0] == "mm1-rho0.8" && cells[2] == "wq_seconds")
            .Skip(4).Take(4).Select(cell => double.Parse(cell, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        var mean = waits.Average();
        var sd = Math.Sqrt(waits.Sum(w => (w - mean) * (w - mean)) / 2);
        const double T975With2Df = 4.302652729911275; // Student t quantile, 2 degrees of freedom
        var half = T975With2Df * sd / Math.Sqrt(3);

        Assert.Multiple(() =>
        {
            Assert.That(waits, Has.Length.EqualTo(3));
            Assert.That(row[0], Is.EqualTo(mean).Within(1e-12));
            Assert.That(row[1], Is.EqualTo(sd).Within(1e-12));
            Assert.That(row[2], Is.EqualTo(mean - half).Within(1e-9));
            Assert.That(row[3], Is.EqualTo(mean + half).Within(1e-9));
        });
    }

    [TestCase(new[] { "run", "--seeds", "9..1" }, "error: --seeds '9..1'")]
    [TestCase(new[] { "run", "scenario.yaml" }, "error: scenario.yaml: scenario files are not supported yet")]
    [TestCase(new[] { "run", "--bogus" }, "error: unknown option '--bogus'")]
    public void Bad_input_exits_1_with_a_one_line_error(string[] args, string expected)
    {
        var (code, _, error) = Sim(args);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(error, Does.StartWith(expected));
            Assert.That(error, Does.Not.Contain("   at "), "no stack trace");
        });
    }

    [Test]
    public void An_unknown_verb_exits_1()
    {
        var (code, _, _) = Sim("frobnicate");

        Assert.That(code, Is.EqualTo(1));
    }

    private string Out(string name) => Path.Combine(_root, name);

    private string FirstLine(string run, string file) => File.ReadLines(Path.Combine(Out(run), file)).First();

    private static (int Code, string Output, string Error) Sim(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (oldOut, oldError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var configuration = new System.CommandLine.InvocationConfiguration { Output = output, Error = error };
            var code = SimCommand.Create().Parse(args).Invoke(configuration);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }
}
