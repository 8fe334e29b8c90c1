using System.Globalization;
using Medimail.Bench;
using Medimail.ProvisioningBench;

// bench/provisioning/run.sh drives it:
//   <identity-grpc> <gateway-grpc> <identity-db-connection> <pg-uri> <seconds> <concurrency> <out-folder> <pgbench-script>
// MEDIMAIL_GATEWAY_URL (token endpoint), BENCH_PIDS and BENCH_PG_PID (CPU seconds per process) come from the environment.
if (args.Length != 8)
{
    Console.Error.WriteLine("usage: see Program.cs");
    return 2;
}
var (identity, gateway, database, pgUri, output, script) = (args[0], args[1], args[2], args[3], args[6], args[7]);
var duration = TimeSpan.FromSeconds(int.Parse(args[4], CultureInfo.InvariantCulture));
var concurrency = int.Parse(args[5], CultureInfo.InvariantCulture);
var warmUp = TimeSpan.FromSeconds(3);
var runId = DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);

var connectors = await Connectors.CreateAsync(identity, concurrency);
Console.WriteLine($"{concurrency} connectors of structure {connectors.StructureId}, each with its own token; 10 % of calls replay an earlier requestId");
var creates = new Creates(connectors, runId);
var viaGateway = await creates.RunAsync("creates via gateway", gateway, concurrency, warmUp, duration);
viaGateway.Print("creates");
var direct = await creates.RunAsync("creates direct to Identity-Registry", identity, concurrency, warmUp, duration);
direct.Print("creates");
var pgbench = await Pgbench.RunAsync("pgbench, same rows (account+outbox)",
    ["-n", "-M", "simple", "-c", concurrency.ToString(CultureInfo.InvariantCulture), "-j", "2",
     "-T", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture),
     "-D", $"structure={connectors.StructureId}", "-D", $"national={connectors.NationalId}", "-D", $"person={connectors.Person}",
     "-D", $"org={connectors.OrgBox}", "-D", $"run=pgb{runId}", "-f", script], pgUri, Path.Combine(output, "pgbench-log"));
pgbench.Print("creates");

Console.WriteLine();
var duplicates = await Duplicates.CountAsync(database, runId, creates.Acknowledged);
Console.WriteLine($"replays sent and acknowledged: {creates.Replays}; answered with another box or an error: {creates.ReplaysAnsweredOtherwise}");
Console.WriteLine();
Console.WriteLine($"gateway: {viaGateway.Throughput:F0} creates/s, p99 {viaGateway.P(99):F1} ms (goal >= 1000/s, p99 <= 50 ms); " +
                  $"{Load.Ratio(viaGateway.Throughput, pgbench.Throughput)} of pgbench (goal >= 25 %); duplicates {duplicates} (goal 0)");
Console.WriteLine($"direct: {direct.Throughput:F0} creates/s, {Load.Ratio(direct.Throughput, pgbench.Throughput)} of pgbench; " +
                  $"gateway/direct {Load.Ratio(viaGateway.Throughput, direct.Throughput)}");
return duplicates == 0 && creates.ReplaysAnsweredOtherwise == 0 ? 0 : 1;
