using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MemberMall.Bench;

/// <summary>
/// Runs the app as its own process from this program's output folder (the project reference puts it there),
/// on PostgreSQL with fixed PII keys, so a second run can find the members the first one seeded.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    // Benchmark-only keys: the seeded data is synthetic and the database is a throwaway one.
    private const string EncryptionKey = "YmVuY2gtb25seS1waWktZW5jcnlwdGlvbi1rZXktMDE=";
    private const string HashKey = "YmVuY2gtb25seS1waWktaGFzaC1rZXktMDAwMDAwMDE=";

    private readonly Process _process;
    public Uri BaseAddress { get; }
    public int ProcessId => _process.Id;
    public string LogFile { get; }

    private AppProcess(Process process, Uri baseAddress, string logFile) => (_process, BaseAddress, LogFile) = (process, baseAddress, logFile);

    private static ProcessStartInfo StartInfo(BenchOptions options, IReadOnlyDictionary<string, string>? extra, params string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MemberMall.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        var env = info.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["Database__Provider"] = "postgres";
        env["ConnectionStrings__Mall"] = options.ConnectionString;
        env["Storage__DataDirectory"] = options.DataDirectory;
        env["Security__PiiEncryptionKey"] = EncryptionKey;
        env["Security__PiiHashKey"] = HashKey;
        env["Seed__Demo"] = "false";
        env["Seed__AdminPassword"] = options.AdminPassword;
        env["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) env[key] = value;
        return info;
    }

    /// <summary>
    /// Runs <c>seed --members N</c>, passing its output through, and returns the exit code and the seeder's own
    /// summary line (load and index timings).
    /// </summary>
    public static async Task<(int ExitCode, string? Summary)> SeedAsync(BenchOptions options, int members, bool append, CancellationToken ct)
    {
        var args = new List<string> { "seed", "--members", members.ToString() };
        if (append) args.Add("--append");
        var info = StartInfo(options, null, [.. args]);
        info.RedirectStandardOutput = true;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the app.");
        string? summary = null;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            Console.WriteLine(e.Data);
            if (e.Data.StartsWith("Seeded ", StringComparison.Ordinal) && e.Data.Contains(" load ", StringComparison.Ordinal)) summary = e.Data;
        };
        process.BeginOutputReadLine();
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, summary);
    }

    /// <summary>
    /// Starts the web app on a free loopback port and waits (at most five minutes: migrations on a big database take time) until /health answers;
    /// <paramref name="extra"/> adds or overrides environment variables (configuration) of the app.
    /// </summary>
    public static async Task<AppProcess> StartAsync(BenchOptions options, CancellationToken ct, IReadOnlyDictionary<string, string>? extra = null)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var info = StartInfo(options, extra, "--urls", baseAddress.ToString().TrimEnd('/'));
        info.RedirectStandardOutput = info.RedirectStandardError = true;
        var logFile = Path.Combine(options.DataDirectory, "server.log");
        Directory.CreateDirectory(options.DataDirectory);
        var log = new ServerLog(logFile);
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the app.");
        process.OutputDataReceived += (_, e) => log.Write(e.Data);
        process.ErrorDataReceived += (_, e) => log.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var app = new AppProcess(process, baseAddress, logFile);
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The app stopped with exit code {process.ExitCode}; see {logFile}.");
            try
            {
                if ((await http.GetAsync("health", ct)).StatusCode == HttpStatusCode.OK) return app;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(250, ct);
        }
        await app.DisposeAsync();
        throw new TimeoutException($"The app did not answer /health within five minutes; see {logFile}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private bool _disposed;

    /// <summary>Stops the app; a second call does nothing (the checkout mode stops one copy before starting the next).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    /// <summary>The server's output, written from two reader threads; flushed line by line, so nothing waits for a close.</summary>
    private sealed class ServerLog(string file)
    {
        private readonly StreamWriter _writer = new(file, append: false) { AutoFlush = true };

        public void Write(string? line)
        {
            if (line is null) return;
            lock (_writer) _writer.WriteLine(line);
        }
    }
}
