using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Gc3.Persistence.Sql.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server for the tests: a throwaway cluster started from the installed
/// binaries (<c>initdb</c>, <c>pg_ctl</c>) on a free loopback port and removed afterwards, or the
/// server that the environment variable <c>GC3_TEST_POSTGRES</c> names (a postgresql:// URI).
/// When neither is available, creating it throws, so every PostgreSQL test fails with the reason.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string EnvironmentVariable = "GC3_TEST_POSTGRES";

    private readonly string? _directory;
    private readonly string? _pgCtl;
    private readonly string? _runAs;
    private readonly string? _startOptions;

    public PostgresServer()
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            Uri = external.Split('#')[0];
            ConnectionString = Postgres.PostgresStoreUri.ToConnectionString(new Uri(Uri)).ConnectionString;
            try
            {
                OpenConnection().Dispose();
            }
            catch (NpgsqlException e)
            {
                throw new InvalidOperationException($"{EnvironmentVariable} names a PostgreSQL server the tests cannot reach ({Uri}): {e.Message}", e);
            }

            return;
        }

        var bin = FindBinaries() ?? throw new InvalidOperationException(
            $"No PostgreSQL server for the tests: initdb and pg_ctl are neither on PATH nor under /usr/lib/postgresql/*/bin, and {EnvironmentVariable} is not set. " +
            "Run .ci/install-postgres.sh, or set " + EnvironmentVariable + "=postgresql://user:password@host:port/database.");
        _pgCtl = Path.Combine(bin, "pg_ctl");

        // initdb refuses to run as root: then the cluster belongs to the 'postgres' system user.
        _runAs = Environment.UserName == "root" ? "postgres" : null;
        if (_runAs is not null && Run("id", ["-u", _runAs], null, TimeSpan.FromSeconds(10)).ExitCode != 0)
        {
            throw new InvalidOperationException(
                "The tests run as root, and initdb refuses root, but there is no 'postgres' system user to run the test cluster as. Run .ci/install-postgres.sh, which creates it.");
        }

        _directory = Path.Combine(Path.GetTempPath(), "gc3-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_directory);
        try
        {
            if (_runAs is not null)
            {
                Check(Run("chown", [_runAs, _directory], null, TimeSpan.FromSeconds(10)), "chown");
            }

            var data = Path.Combine(_directory, "data");
            Check(
                Run(Path.Combine(bin, "initdb"), ["-D", data, "--auth=trust", "-U", "gc3", "--no-sync", "-E", "UTF8", "--locale=C"], _runAs, TimeSpan.FromMinutes(2)),
                "initdb");
            var port = 0;
            for (var attempt = 0; ; attempt++)
            {
                port = FreeLoopbackPort();

                // fsync off: the cluster is thrown away, and the tests must not wait on the disk.
                var options = $"-p {port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200";
                var started = Run(_pgCtl, ["-D", data, "-l", Path.Combine(_directory, "server.log"), "-o", options, "-w", "-t", "60", "start"], _runAs, TimeSpan.FromMinutes(2));
                if (started.ExitCode == 0)
                {
                    _startOptions = options;
                    break;
                }

                if (attempt == 2)
                {
                    Check(started, "pg_ctl start");
                }
            }

            Uri = $"postgresql://gc3@127.0.0.1:{port}/postgres";
            ConnectionString = $"Host=127.0.0.1;Port={port};Username=gc3;Database=postgres";
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The server as a store URI, without a table.</summary>
    public string Uri { get; }

    /// <summary>The server as an Npgsql connection string, for plain SQL.</summary>
    public string ConnectionString { get; }

    /// <summary>Whether <see cref="Stop"/> and <see cref="Start"/> can stop and start the server: it is a cluster of the tests' own.</summary>
    public bool CanRestart => _pgCtl is not null && _startOptions is not null;

    /// <summary>Stops the server at once (<c>pg_ctl stop -m immediate</c>: clients are cut off, as by a crash).</summary>
    public void Stop()
    {
        Check(Run(_pgCtl!, ["-D", Path.Combine(_directory!, "data"), "-m", "immediate", "-w", "stop"], _runAs, TimeSpan.FromMinutes(1)), "pg_ctl stop");
    }

    /// <summary>Starts the stopped server again on its port; it recovers from its write-ahead log.</summary>
    public void Start()
    {
        var data = Path.Combine(_directory!, "data");
        Check(Run(_pgCtl!, ["-D", data, "-l", Path.Combine(_directory!, "server.log"), "-o", _startOptions!, "-w", "-t", "60", "start"], _runAs, TimeSpan.FromMinutes(2)), "pg_ctl start");
    }

    public NpgsqlConnection OpenConnection()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Drops a store's table and its ID counter table.</summary>
    public void DropStore(string table)
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP TABLE IF EXISTS \"{table}\"; DROP TABLE IF EXISTS \"{table}_ids\"; DROP TABLE IF EXISTS \"{table}_schema\"";
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        if (_directory is null)
        {
            return;
        }

        if (_pgCtl is not null && Directory.Exists(Path.Combine(_directory, "data")))
        {
            Run(_pgCtl, ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop"], _runAs, TimeSpan.FromMinutes(1));
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string? FindBinaries()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl")))
            {
                // Debian's /usr/bin wrappers need a configured cluster; the real binaries are beside their target.
                var initdb = new FileInfo(Path.Combine(folder, "initdb"));
                var target = initdb.LinkTarget is null ? initdb.FullName : initdb.ResolveLinkTarget(returnFinalTarget: true)!.FullName;
                return Path.GetDirectoryName(target);
            }
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            return Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var version) ? version : 0)
                .FirstOrDefault();
        }

        return null;
    }

    // runuser lives in /usr/sbin or /sbin, which a non-login PATH may lack.
    private static string RunUser()
        => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"])
            .Select(folder => Path.Combine(folder, "runuser"))
            .FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("The tests run as root and must start PostgreSQL as the 'postgres' user, but 'runuser' is not installed (util-linux).");

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static (int ExitCode, string Output) Run(string program, IReadOnlyList<string> arguments, string? runAs, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(runAs is null ? program : RunUser())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAs is not null)
        {
            foreach (var argument in (string[])["-u", runAs, "--", program])
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{program} timed out after {timeout}");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static void Check((int ExitCode, string Output) result, string step)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Could not start the test PostgreSQL cluster: {step} exited with {result.ExitCode}: {result.Output}");
        }
    }
}
