// Import benchmark: 100,000 valid rows of mixed types through the gateway, against psql \copy of the same rows into an
// equivalent table (same columns and indexes) in the same run. Prints the figures and the ratios; fails nothing.
using System.Diagnostics;
using System.Text;
using Google.Protobuf;
using Medimail.Identity.V1;
using Medimail.Testing;
using Npgsql;

var rows = args.Length > 0 ? int.Parse(args[0]) : 100_000;
var identityDb = Environment.GetEnvironmentVariable("MEDIMAIL_IDENTITY_DATABASE") ?? "identity";
var directoryDb = Environment.GetEnvironmentVariable("MEDIMAIL_DIRECTORY_DB") ?? "directory";
var identityPid = int.Parse(Environment.GetEnvironmentVariable("IDENTITY_PID") ?? throw new InvalidOperationException("IDENTITY_PID is not set"));
var directoryPid = Environment.GetEnvironmentVariable("DIRECTORY_PID") is { Length: > 0 } pid ? int.Parse(pid) : (int?)null;

using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync());
var structures = new StructureService.StructureServiceClient(channel);
var imports = new ImportService.ImportServiceClient(channel);
await using var directory = NpgsqlDataSource.Create(TestEnvironment.DatabaseConnection(directoryDb));
await using var postgres = NpgsqlDataSource.Create(TestEnvironment.PostgresConnection);

// Twice, on the same processes, each time into a new structure: the first import after a start also pays for the JIT
// compiling the import path (several CPU seconds on 2 cores); the second is a service that has been running.
Console.WriteLine($"{rows:N0} generated rows per import (CSV, UTF-8 with BOM, ;), each against psql \\copy of its own rows");
foreach (var label in new[] { "first import after start (cold)", "second import (warm)" })
    await MeasureAsync(label);
Console.WriteLine($"Identity-Registry peak RSS (VmHWM), both imports: {PeakRssMb(identityPid),7:F0} MB (goal <= 500 MB)");
return;

async Task MeasureAsync(string label)
{
    var run = Unique.Suffix();
    var content = Generate(run, rows);
    var structure = await structures.CreateStructureAsync(Accounts.NewStructure());
    var pattern = $"%.{run}@bench.medimail.fr";

    var cpuBefore = await CpuSecondsAsync();
    var clock = Stopwatch.StartNew();
    var job = await imports.StartImportAsync(new StartImportRequest { StructureId = structure.Id, FileName = "bench.csv", Content = ByteString.CopyFrom(content) });
    var accepted = clock.Elapsed;
    while (job.State == ImportJob.Types.State.Running)
    {
        await Task.Delay(100);
        job = await imports.GetImportAsync(new GetImportRequest { Id = job.Id });
    }
    var imported = clock.Elapsed;
    if (job.State != ImportJob.Types.State.Succeeded || job.CreatedCount != rows)
        throw new InvalidOperationException($"import ended {job.State} with {job.CreatedCount} created, {job.RejectedCount} rejected: {job.Errors.FirstOrDefault()}");

    // Cheap while waiting (the last row's address, by primary key), then the full count: counting 100,000 rows with a
    // LIKE ten times a second would take a core from the very Directory being measured.
    var lastEmail = $"user{rows - 1}.{run}@bench.medimail.fr";
    long listed = 0;
    while (listed < rows && clock.Elapsed < TimeSpan.FromMinutes(10))
    {
        if (await ScalarAsync<long>(directory, "SELECT count(*) FROM directory_entries WHERE email = $1", lastEmail) == 1)
            listed = await ScalarAsync<long>(directory, "SELECT count(*) FROM directory_entries WHERE email LIKE $1", pattern);
        if (listed < rows) await Task.Delay(100);
    }
    var searchable = clock.Elapsed;
    var cpuAfter = await CpuSecondsAsync();

    // The peer: the same rows, as stored, loaded by psql \copy into a table LIKE accounts INCLUDING ALL (its indexes too).
    var dump = Path.Combine(Path.GetTempPath(), $"import-bench-{run}.csv");
    await Psql(identityDb, $"\\copy (SELECT * FROM accounts WHERE structure_id = '{structure.Id}') TO '{dump}' CSV");
    await Psql(identityDb, "DROP TABLE IF EXISTS bench_copy_accounts; CREATE TABLE bench_copy_accounts (LIKE accounts INCLUDING ALL);");
    var copyClock = Stopwatch.StartNew();
    await Psql(identityDb, $"\\copy bench_copy_accounts FROM '{dump}' CSV");
    var copy = copyClock.Elapsed;
    await Psql(identityDb, "DROP TABLE bench_copy_accounts;");
    File.Delete(dump);

    Console.WriteLine();
    Console.WriteLine($"== {label}");
    Console.WriteLine($"StartImport answered (file checked, job recorded): {accepted.TotalSeconds,7:F2} s");
    Console.WriteLine($"import job SUCCEEDED:                           {imported.TotalSeconds,7:F2} s");
    Console.WriteLine($"all {rows:N0} accounts in the directory:         {searchable.TotalSeconds,7:F2} s after upload (goal <= 30 s)");
    Console.WriteLine($"psql \\copy of the same rows:                    {copy.TotalSeconds,7:F2} s");
    Console.WriteLine($"ratio import / \\copy:                           {imported / copy,7:F2} x (goal <= 3)");
    // Where the CPU went from upload to the last directory entry (2 cores shared with whatever else runs): what bounds
    // the import on a busy machine. PostgreSQL backends are counted if still connected at the end (pooled ones are).
    Console.WriteLine("CPU seconds, upload to last directory entry: " + string.Join(", ",
        cpuAfter.Select(p => $"{p.Key} {p.Value - cpuBefore.GetValueOrDefault(p.Key):F1} s")));
}

// CPU (user + system) of each process of the stack, by name; PostgreSQL backends summed per database.
async Task<Dictionary<string, double>> CpuSecondsAsync()
{
    var cpu = new Dictionary<string, double> { ["identity-registry"] = CpuOf(identityPid) };
    if (directoryPid is { } directoryProcess) cpu["directory"] = CpuOf(directoryProcess);
    await using var backends = postgres.CreateCommand("SELECT datname, pid FROM pg_stat_activity WHERE datname = ANY($1)");
    backends.Parameters.AddWithValue(new[] { identityDb, directoryDb });
    await using var reader = await backends.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        var key = $"postgres {reader.GetString(0)}";
        cpu[key] = cpu.GetValueOrDefault(key) + CpuOf(reader.GetInt32(1));
    }
    return cpu;
}

static async Task<T> ScalarAsync<T>(NpgsqlDataSource database, string sql, object parameter)
{
    await using var command = database.CreateCommand(sql);
    command.Parameters.AddWithValue(parameter);
    return (T)(await command.ExecuteScalarAsync())!;
}

static double CpuOf(int pid)
{
    try
    {
        // Fields 14 and 15 of /proc/pid/stat (after the parenthesised command name): utime and stime, in clock ticks.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
    }
    catch (IOException) { return 0; }
    catch (UnauthorizedAccessException) { return 0; }
}

static byte[] Generate(string run, int count)
{
    var text = new StringBuilder("Adresse mail;NOM;Prénom;RPPS;ADELI;Adresse (1);CP;VILLE;Département;Région;Profession;Spécialité;Activité libérale;Type BAL;" +
        "Type identifiant structure resp;Identifiant structure resp;Civilité exercice;Nom resp;Prénom resp;Profession resp;Identifiant resp;Description fonctionnelle;Compte(s) de connexion\r\n");
    for (var i = 0; i < count; i++)
    {
        var email = $"user{i}.{run}@bench.medimail.fr";
        text.Append((i % 50) switch
        {
            49 => $"{email};SECRÉTARIAT;Service {i};;;1 place du Docteur Baylac;31059;TOULOUSE;31;76;MM-SEC;;NON;ORG;SIRET;73282932000074;;MARTIN;Claire;10;10987654323;Secrétariat du service {i};user{i - 1}.{run}@bench.medimail.fr",
            _ when i % 5 == 1 => $"{email};GARCIA;Maria {i};;;1 place du Docteur Baylac;31059;TOULOUSE;31;76;10;;NON;INT;FINESS;310781406;DR;;;;;;",
            _ when i % 5 == 2 => $"{email};BERNARD;Sophie {i};;;1 place du Docteur Baylac;31059;TOULOUSE;31;76;MM-SEC;;NON;MED;;;;;;;;;",
            _ => $"{email};DUPONT;Jean {i};10123456781;;1 place du Docteur Baylac;31059;TOULOUSE;31;76;10;SM54;NON;PER;;;;;;;;;",
        }).Append("\r\n");
    }
    return [.. new UTF8Encoding(true).GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
}

static double PeakRssMb(int pid)
{
    var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
}

static async Task Psql(string database, string command)
{
    var settings = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnection);
    var start = new ProcessStartInfo("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", command]) { RedirectStandardError = true };
    start.Environment["PGHOST"] = settings.Host;
    start.Environment["PGPORT"] = settings.Port.ToString();
    start.Environment["PGUSER"] = settings.Username;
    start.Environment["PGPASSWORD"] = settings.Password;
    using var psql = Process.Start(start)!;
    var error = await psql.StandardError.ReadToEndAsync();
    await psql.WaitForExitAsync();
    if (psql.ExitCode != 0) throw new InvalidOperationException($"psql failed: {error}");
}
