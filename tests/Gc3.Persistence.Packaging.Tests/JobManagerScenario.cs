namespace Gc3.Persistence.Packaging.Tests;

/// <summary>
/// The scripted scenarios both the JIT build and the native binary go through. Every command is a new
/// process, so each step also checks that the previous one's records were written and load again.
/// </summary>
public static class JobManagerScenario
{
    /// <summary>The scenarios by what they check, so that every build and store runs each through one theory.</summary>
    public static IReadOnlyDictionary<string, Action<JobManagerCli>> ByName { get; } = new Dictionary<string, Action<JobManagerCli>>
    {
        ["runs a session that persists across processes"] = RunSession,
        ["rejects bad input with clear messages"] = RejectBadInput,
    };

    /// <summary>Every scenario, as theory data.</summary>
    public static TheoryData<string> All => [.. ByName.Keys];

    /// <summary>Every scenario on every embedded store, as theory data (scenario, store kind).</summary>
    public static TheoryData<string, string> OnEmbeddedStores
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var scenario in ByName.Keys)
            {
                foreach (var kind in StoreKind.Embedded)
                {
                    data.Add(scenario, kind);
                }
            }

            return data;
        }
    }

    public static void RunSession(JobManagerCli cli)
    {
        var hello = cli.Submit("hello", "--exe", "echo", "--batch", "nightly", "--", "Hello", "from a job");
        var count = cli.Submit("count", "--exe", "sh", "--arg", "-c", "--arg", "echo one; echo two", "--env", "K=V", "--tag", "t1", "--tag", "t2",
            "--cores", "2", "--memory", "256", "--batch", "nightly");
        var fail = cli.Submit("fail", "--exe", "sh", "--arg", "-c", "--arg", "echo broken >&2; exit 3");
        var greet = cli.Submit("greet", "--exe", "sh", "--arg", "-c", "--arg", "echo $GREETING", "--env", "GREETING=hi");
        var again = cli.Submit("again", "--exe", "echo", "--arg", "twice");
        Assert.True(new[] { hello, count, fail, greet, again }.Distinct().Count() == 5, $"IDs given twice: {hello} {count} {fail} {greet} {again}");

        var list = cli.Run("list").EnsureSuccess();
        Assert.Equal(5, Rows(list.Output, "NEW").Count);
        Assert.Contains("5 jobs (5 NEW)", list.Output);
        Assert.Matches(Row(count, "count", "NEW", "-", "2", "256 MB", "sh"), list.Output);

        var run = cli.Run("run").EnsureSuccess();
        foreach (var id in new[] { hello, count, fail, greet, again })
        {
            Assert.Contains($"{id}  ", run.Output);
        }

        Assert.Contains($"{fail}  fail: RUNNING -> TERMINATED (exit code 3)", run.Output);
        Assert.Contains($"{hello}  hello: NEW -> SUBMITTED", run.Output);
        Assert.Contains("Ran 5 jobs.", run.Output);
        Assert.Contains("Nothing to run", cli.Run("run").EnsureSuccess().Output);

        var terminated = cli.Run("list", "--state", "terminated").EnsureSuccess();
        Assert.Equal(5, Rows(terminated.Output, "TERMINATED").Count);
        Assert.Matches(Row(fail, "fail", "TERMINATED", "3", "1", "-", "sh"), terminated.Output);
        Assert.Matches(Row(hello, "hello", "TERMINATED", "0", "1", "-", "echo"), terminated.Output);
        // A filtered list that shows nothing says what the store holds, in one sentence.
        Assert.Matches(@"No NEW jobs in \S+; it holds 5 jobs \(5 TERMINATED\)\.", cli.Run("list", "--state", "NEW").EnsureSuccess().Output);
        Assert.Contains("5 TERMINATED jobs shown, of 5 jobs (5 TERMINATED).", terminated.Output);

        // Naming a finished job says so, by name, instead of "every job has terminated".
        var rerun = cli.Run("run", fail).EnsureSuccess().Output;
        Assert.Contains($"{fail}  fail: already TERMINATED (exit code 3); not run again.", rerun);
        Assert.Contains("Nothing to run: the jobs named have terminated.", rerun);

        // Members of every shape come back: list, dictionary, array, nullable, [MemoryPackable] record, struct list, references.
        var shown = cli.Run("show", count).EnsureSuccess().Output;
        Assert.Contains($"Job {count}: count", shown);
        Assert.Contains("State:       TERMINATED (exit code 0)", shown);
        Assert.Contains("Command:     sh -c 'echo one; echo two'", shown);
        Assert.Contains("Environment: K=V", shown);
        Assert.Contains("Tags:        t1, t2", shown);
        Assert.Contains("Requested:   2 cores, memory 256 MB", shown);
        Assert.Matches(@"Batch:\s+nightly \(batch\.\d+\)", shown);
        Assert.Contains("History:     NEW -> SUBMITTED -> RUNNING -> TERMINATED", shown);
        Assert.Matches(@"Output:\n\s+one\n\s+two", shown);
        Assert.Matches(@"Finished:\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(ran \d+\.\d{3} s\)", shown);
        Assert.Contains("    hi", cli.Run("show", greet).EnsureSuccess().Output);
        Assert.Contains("    broken", cli.Run("show", fail).EnsureSuccess().Output);

        // Two jobs that run echo share one executable record.
        var echoId = Regex.Match(cli.Run("show", hello).EnsureSuccess().Output, @"Program:\s+\S+/echo \((exe\.\d+),").Groups[1].Value;
        Assert.NotEmpty(echoId);
        var echo = cli.Run("show", echoId).EnsureSuccess().Output;
        Assert.Contains($"Used by:     {hello}, {again}", echo);
        var inUse = cli.Run("remove", echoId);
        Assert.Equal(1, inUse.ExitCode);
        Assert.Contains($"{echoId} is used by {hello}, {again}", inUse.Error);

        var batchId = Regex.Match(shown, @"Batch:\s+nightly \((batch\.\d+)\)").Groups[1].Value;
        var batch = cli.Run("show", batchId).EnsureSuccess().Output;
        Assert.Contains($"Batch {batchId}: nightly (2 jobs)", batch);
        Assert.Matches(Row(hello, "hello", "TERMINATED", "0"), batch);

        // Removing a job takes it out of its batch first; the rest stays.
        Assert.Contains($"Removed {hello} (hello).", cli.Run("remove", hello).EnsureSuccess().Output);
        var gone = cli.Run("show", hello);
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains($"there is no record '{hello}'", gone.Error);
        Assert.Contains($"Batch {batchId}: nightly (1 job)", cli.Run("show", batchId).EnsureSuccess().Output);

        // Re-opened by new processes, the store still holds everything else.
        var after = cli.Run("list").EnsureSuccess().Output;
        Assert.Contains("4 jobs (4 TERMINATED)", after);
        Assert.DoesNotContain(hello + " ", after);
        Assert.Matches(Row(again, "again", "TERMINATED", "0", "1", "-", "echo"), after);
        var info = cli.Run("info").EnsureSuccess().Output;
        Assert.Matches(@"Records:\s+7 \(1 batch, 2 exe, 4 job\)", info);
        if (cli.StoreDirectory is { } directory)
        {
            Assert.True(File.Exists(Path.Combine(directory, count)), $"no record file for {count} in {directory}");
        }
    }

    /// <summary>Bad input: one clear line on standard error, a non-zero exit code, no stack trace, no change to the store.</summary>
    public static void RejectBadInput(JobManagerCli cli)
    {
        var id = cli.Submit("keep", "--exe", "true");
        var before = Snapshot(cli);
        (string[] Args, int ExitCode, string Message)[] cases =
        [
            (["frobnicate"], 2, "Unrecognized command or argument 'frobnicate'"),
            (["show", "../etc/passwd"], 2, "'../etc/passwd' is not an ID"),
            (["show", "job"], 2, "'job' is not an ID"),
            (["show", "job.999999"], 1, "there is no record 'job.999999'"),
            (["remove", "job.999999"], 1, "there is no record 'job.999999'"),
            (["run", "job.999999"], 1, "there is no record 'job.999999'"),
            (["list", "--state", "sleeping"], 2, "'sleeping' is not a job state"),
            (["list", "--bogus"], 2, "Unrecognized command or argument '--bogus'"),
            (["submit"], 2, "Required argument 'NAME' missing for command: 'submit'"),
            (["submit", "x", "--cores", "zero"], 2, "--cores expects a whole number from 1 to 4096, not 'zero'"),
            (["submit", "x", "--env", "NOEQUALS"], 2, "--env expects NAME=VALUE"),
            (["submit", "x", "--exe", "no-such-program-anywhere"], 1, "program 'no-such-program-anywhere' not found on PATH"),
        ];
        foreach (var (args, exitCode, message) in cases)
        {
            var result = cli.Run(args);
            Assert.True(exitCode == result.ExitCode, result.ToString());
            Assert.Contains(message, result.Error);
            Assert.DoesNotContain("   at ", result.Error);
            Assert.DoesNotContain("Exception", result.Error);
        }

        var badUri = cli.RunWithoutStore(["list", "--store", "nosuch://somewhere"]);
        Assert.Equal(2, badUri.ExitCode);
        Assert.Contains("No store is registered for the scheme 'nosuch'", badUri.Error);
        Assert.Contains("Known schemes: file", badUri.Error);

        var noCommand = cli.RunWithoutStore([]);
        Assert.Equal(2, noCommand.ExitCode);
        Assert.Contains("Commands:", noCommand.Error);
        var onlyStore = cli.RunWithoutStore(["--store", cli.Store]);
        Assert.Equal(2, onlyStore.ExitCode);
        Assert.Contains("Required command was not provided", onlyStore.Error);

        // GC3_STORE names the store when --store is absent.
        var fromVariable = cli.RunWithoutStore(["list"], new Dictionary<string, string> { ["GC3_STORE"] = cli.Store }).EnsureSuccess();
        Assert.Contains(id, fromVariable.Output);

        Assert.Equal(before, Snapshot(cli));
    }

    // What the store holds, as the job manager shows it: unchanged by any rejected command.
    private static string Snapshot(JobManagerCli cli)
        => cli.Run("list").EnsureSuccess().Output + Regex.Match(cli.Run("info").EnsureSuccess().Output, "Records:.*").Value;

    private static List<string> Rows(string table, string state)
        => table.Split('\n').Where(line => Regex.IsMatch(line, $@"^job\.\d+\s+\S+\s+{state}\s")).ToList();

    // A table row: the cells in order, separated by runs of spaces.
    private static string Row(params string[] cells) => "(?m)^" + string.Join(@"\s+", cells.Select(Regex.Escape)) + @"(\s|$)";
}
