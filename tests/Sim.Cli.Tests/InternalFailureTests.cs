using System.CommandLine;

namespace Sim.Cli.Tests;

/// <summary>What the user sees when a command fails on a bug rather than on bad input.</summary>
public class InternalFailureTests
{
    [Test]
    public void An_exception_inside_a_command_is_one_line_on_standard_error_and_exit_code_2()
    {
        // The command-line library's default handler would print "Unhandled exception" with a stack
        // trace and exit 1 (the code for bad input).
        var root = new RootCommand("sim");
        var failing = new Command("fail");
        failing.SetAction((Action<ParseResult>)(_ => throw new InvalidOperationException("the store lost an object")));
        root.Subcommands.Add(failing);
        var output = new StringWriter();
        var error = new StringWriter();

        var code = SimCommand.Run(root, ["fail"], new InvocationConfiguration { Output = output, Error = error });

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.RunFailure));
            Assert.That(error.ToString(), Is.EqualTo("error: internal failure (InvalidOperationException): the store lost an object" + Environment.NewLine));
            Assert.That(output.ToString(), Is.Empty);
        });
    }
}
