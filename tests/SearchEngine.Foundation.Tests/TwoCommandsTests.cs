using System.Text.RegularExpressions;

namespace SearchEngine.Foundation.Tests;

/// <summary>The README opens with the two commands, and CI runs the second one (the same script, not a copy).</summary>
public sealed partial class TwoCommandsTests
{
    [GeneratedRegex(@"^```(?:bash|sh)?\s*\n(?<body>.*?)\n```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    private static List<string> ReadmeCommands()
    {
        var readme = Repository.Read("README.md");
        var first = CodeBlock().Match(readme);
        Assert.True(first.Success, "README.md has no code block");
        return first.Groups["body"].Value.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
    }

    [Fact]
    public void Readme_opens_with_exactly_the_run_and_test_commands()
    {
        Assert.Equal(new[] { "deploy/run.sh", "deploy/test.sh" }, ReadmeCommands());
    }

    [Fact]
    public void The_readme_commands_come_before_any_other_section()
    {
        var readme = Repository.Read("README.md");
        var firstBlock = readme.IndexOf("```", StringComparison.Ordinal);
        var secondHeading = readme.IndexOf("\n## ", StringComparison.Ordinal);
        Assert.True(firstBlock >= 0 && (secondHeading < 0 || firstBlock < secondHeading), "the two commands must open the README");
    }

    [Theory]
    [InlineData("deploy/run.sh")]
    [InlineData("deploy/test.sh")]
    [InlineData("deploy/bench.sh")]
    [InlineData(".ci/run")]
    public void Scripts_exist_and_are_executable(string script)
    {
        var path = Repository.PathOf(script);
        Assert.True(File.Exists(path), $"{script} is missing");
        Assert.True(OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0, $"{script} is not executable");
    }

    [Fact]
    public void Ci_runs_the_readme_test_command()
    {
        var ci = Repository.Read(".ci/run").Split('\n').Select(l => l.Trim()).Where(l => !l.StartsWith('#')).ToList();
        Assert.Contains(ci, l => l is "bash deploy/test.sh" or "deploy/test.sh");
    }
}
