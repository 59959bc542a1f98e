using System.Diagnostics;
using System.Net.Sockets;
using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace PerfSuite.Testing;

/// <summary>
/// Where tests find PostgreSQL and RabbitMQ, in this order: connection strings from the environment
/// (exported by scripts/infra.sh, which .ci/run and scripts/test.sh use), else Testcontainers where a
/// Docker engine works, else a failure that says which command starts them. Never a silent skip.
/// </summary>
public static class TestInfrastructure
{
    public const string HowToStart =
        "Start them with `scripts/infra.sh start && source .local/env.sh` (or run every test with `scripts/test.sh`).";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _postgres;
    private static string? _rabbitMq;

    public static async Task<string> PostgresAsync()
    {
        await Gate.WaitAsync();
        try
        {
            _postgres ??= Environment.GetEnvironmentVariable("ConnectionStrings__postgres") is { Length: > 0 } fromEnv
                ? fromEnv
                : await StartContainerAsync("PostgreSQL", async () =>
                {
                    var c = new PostgreSqlBuilder("postgres:15-alpine").WithDatabase("perfsuite").Build();
                    await c.StartAsync();
                    return c.GetConnectionString();
                });
            return _postgres;
        }
        finally { Gate.Release(); }
    }

    public static async Task<string> RabbitMqAsync()
    {
        await Gate.WaitAsync();
        try
        {
            _rabbitMq ??= Environment.GetEnvironmentVariable("ConnectionStrings__rabbitmq") is { Length: > 0 } fromEnv
                ? fromEnv
                : await StartContainerAsync("RabbitMQ", async () =>
                {
                    var c = new RabbitMqBuilder("rabbitmq:3.13-management-alpine").Build();
                    await c.StartAsync();
                    return c.GetConnectionString();
                });
            return _rabbitMq;
        }
        finally { Gate.Release(); }
    }

    private static async Task<string> StartContainerAsync(string what, Func<Task<string>> start)
    {
        try
        {
            return await start();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                $"{what} is not available: no connection string in the environment and Testcontainers could not start one ({e.GetType().Name}: {e.Message}). {HowToStart}", e);
        }
    }

    /// <summary>
    /// A RabbitMQ virtual host of its own for one test run, so suites started at the same time (several
    /// test projects, several developers) never compete on each other's queues. Made through
    /// scripts/infra.sh when the broker is the local one; a Testcontainers broker is private already.
    /// </summary>
    public static async Task<string> CreateVirtualHostAsync(string prefix)
    {
        var baseConnection = await RabbitMqAsync();
        if (Environment.GetEnvironmentVariable("PERFSUITE_INFRA_SCRIPT") is not { Length: > 0 } script || !File.Exists(script))
            return baseConnection;
        var name = $"{prefix}-{Guid.NewGuid():N}";
        await Processes.RunAsync("bash", script, "rabbit-vhost", name);
        var uri = new UriBuilder(baseConnection) { Path = "/" + Uri.EscapeDataString(name) };
        return uri.Uri.ToString();
    }

    /// <summary>Removes a virtual host made by <see cref="CreateVirtualHostAsync"/> (nothing for a private broker).</summary>
    public static async Task DeleteVirtualHostAsync(string connectionString)
    {
        var name = Uri.UnescapeDataString(new Uri(connectionString).AbsolutePath.TrimStart('/'));
        if (name.Length == 0 || Environment.GetEnvironmentVariable("PERFSUITE_INFRA_SCRIPT") is not { Length: > 0 } script || !File.Exists(script))
            return;
        await Processes.RunAsync("bash", script, "rabbit-vhost-delete", name);
    }

    /// <summary>A fresh, empty database on the test PostgreSQL server, for tests that must not share state.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var builder = new NpgsqlConnectionStringBuilder(await PostgresAsync());
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)];
        await using (var conn = new NpgsqlConnection(builder.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        builder.Database = name;
        return builder.ConnectionString;
    }

    /// <summary>A TCP port nothing listens on right now, in the range the infra script accepts.</summary>
    public static int FreePort()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = Random.Shared.Next(40000, 55000);
            if (!IsPortOpen(port) && !IsPortOpen(port + 10000)) return port;
        }
        throw new InvalidOperationException("No free TCP port found for a test broker.");
    }

    public static bool IsPortOpen(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException) { return false; }
    }
}

/// <summary>
/// A RabbitMQ broker of the test's own, started and stopped as a plain process through
/// scripts/infra.sh, so a test can take the broker away and bring it back with its data intact.
/// </summary>
public sealed class DisposableBroker(string name, int port) : IAsyncDisposable
{
    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{port}";
    public int Port => port;

    public static string InfraScript =>
        Environment.GetEnvironmentVariable("PERFSUITE_INFRA_SCRIPT") is { Length: > 0 } s && File.Exists(s)
            ? s
            : throw new InvalidOperationException(
                "PERFSUITE_INFRA_SCRIPT is not set: this test starts and stops a broker of its own through scripts/infra.sh. " + TestInfrastructure.HowToStart);

    public async Task StartAsync() => await RunAsync("rabbit-start", name, port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public async Task StopAsync() => await RunAsync("rabbit-stop", name);

    public async ValueTask DisposeAsync() => await StopAsync();

    private static Task RunAsync(params string[] args) => Processes.RunAsync("bash", [InfraScript, .. args]);
}

public static class Processes
{
    /// <summary>Runs a command to its end (2 minutes at most) and fails with its output if it fails.</summary>
    public static async Task<string> RunAsync(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await stdout}\n{await stderr}");
        return await stdout;
    }
}
