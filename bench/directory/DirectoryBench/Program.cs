using Medimail.DirectoryBench;

// bench/directory/run.sh drives these; each prints what it did.
//   seed    <connection> <count>
//   sql     <connection>                      the SQL of a few representative searches (for EXPLAIN ANALYZE)
//   explain <connection>                      EXPLAIN (ANALYZE, BUFFERS) of those searches
//   ldif    <connection> <file>               the seeded entries as LDIF, for slapd
//   ldap-count <ldap-uri> <admin-dn> <password>  entries slapd holds
//   run     <connection> <pg-uri> <token> <gateway-grpc> <direct-grpc> <seconds> <concurrency> <out-folder>
const int Seed = 20261124;
switch (args.FirstOrDefault())
{
    case "seed":
        await Seeder.RunAsync(args[1], int.Parse(args[2]), Seed);
        break;
    case "ldif":
        await Ldif.WriteAsync(args[1], args[2]);
        break;
    case "ldap-count":
        Console.WriteLine(LdapLoad.CountEntries(args[1], args[2], args[3]));
        break;
    case "load": // load <connection> <token> <grpc-address> <seconds> <concurrency>: the search mix only (for profiling)
    {
        var mix = await QueryMix.CreateAsync(args[1], 20_000, Seed);
        var result = await LoadGenerator.RunAsync("gRPC " + args[3], args[3], args[2], mix, int.Parse(args[5]), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(int.Parse(args[4])));
        result.Print("searches");
        break;
    }
    case "compare-gateways": // <connection> <token> <gateway-a> <gateway-b> <direct> <seconds> <concurrency> <rounds>
        await GatewayComparison.RunAsync(args[1], args[2], args[3], args[4], args[5], TimeSpan.FromSeconds(int.Parse(args[6])),
            int.Parse(args[7]), Seed, int.Parse(args[8]));
        break;
    case "explain":
        await Explain.RunAsync(args[1]);
        break;
    case "run":
        await BenchRun.RunAsync(args[1], args[2], args[3], args[4], args[5], TimeSpan.FromSeconds(int.Parse(args[6])), int.Parse(args[7]), args[8], Seed);
        break;
    default:
        Console.Error.WriteLine("usage: seed | explain | run (see Program.cs)");
        return 2;
}
return 0;
