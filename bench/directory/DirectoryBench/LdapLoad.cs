using System.DirectoryServices.Protocols;
using System.Net;
using System.Text;
using Medimail.Bench;
using DirectorySearch = Medimail.Directory.V1.SearchRequest;
using LdapSearch = System.DirectoryServices.Protocols.SearchRequest;

namespace Medimail.DirectoryBench;

/// <summary>
/// The same query mix over LDAP, against slapd: one connection per stream (LDAP has no multiplexing like HTTP/2), the
/// filter an LDAP address book would send for each search, at most a page (20) of entries returned. slapd neither
/// counts the matches nor sorts them, which the Directory does for every page.
/// </summary>
internal static class LdapLoad
{
    private static readonly string[] Attributes = ["mail", "cn", "sn", "givenName", "mmRpps", "mmDepartment", "l"];

    public static async Task<LoadResult> RunAsync(string name, string uri, IReadOnlyList<DirectorySearch> mix, int concurrency,
        TimeSpan warmUp, TimeSpan duration, params (string Name, Func<IEnumerable<int>> Pids)[] processes)
    {
        // Calls are synchronous (libldap): one pool thread per stream, without waiting for the pool to grow.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, concurrency * 2), io);
        var connections = Enumerable.Range(0, concurrency).Select(_ => Connect(uri)).ToArray();
        var requests = mix.Select(ToLdap).ToArray();
        try
        {
            return await Load.RunAsync(name, concurrency, warmUp, duration, (stream, i, _) =>
                Task.FromResult(Search(connections[stream], requests[(stream * 997 + i) % requests.Length])), processes);
        }
        finally
        {
            foreach (var connection in connections) connection.Dispose();
        }
    }

    private static bool Search(LdapConnection connection, LdapSearch request)
    {
        try
        {
            var response = (SearchResponse)connection.SendRequest(request);
            return response.ResultCode == ResultCode.Success;
        }
        catch (DirectoryOperationException e) when (e.Response.ResultCode == ResultCode.SizeLimitExceeded)
        {
            return true; // a full page: what was asked for
        }
        catch (LdapException)
        {
            return false;
        }
    }

    private static LdapConnection Connect(string uri)
    {
        var address = new Uri(uri);
        var connection = new LdapConnection(new LdapDirectoryIdentifier(address.Host, address.Port), null, AuthType.Anonymous);
        connection.SessionOptions.ProtocolVersion = 3;
        connection.Timeout = TimeSpan.FromSeconds(10);
        connection.Bind();
        return connection;
    }

    /// <summary>The Directory's search as an LDAP filter: listed in that directory, and the name prefix, RPPS or département.</summary>
    public static LdapSearch ToLdap(DirectorySearch search)
    {
        var filter = new StringBuilder("(&(mmListed=").Append(search.Directory).Append(')');
        if (search.Query.Length > 0)
            filter.Append(search.Query.All(char.IsAsciiDigit) ? $"(mmRpps={Escape(search.Query)})" : $"(mmNameKey={Escape(search.Query)}*)");
        if (search.DepartmentCode.Length > 0)
            filter.Append($"(mmDepartment={Escape(search.DepartmentCode)})");
        filter.Append(')');
        return new LdapSearch(Ldif.Entries, filter.ToString(), SearchScope.OneLevel, Attributes)
        {
            SizeLimit = QueryMix.PageSize,
        };
    }

    /// <summary>RFC 4515 escapes.</summary>
    private static string Escape(string value) => value.Replace("\\", "\\5c").Replace("*", "\\2a").Replace("(", "\\28").Replace(")", "\\29").Replace("\0", "\\00");

    /// <summary>Entries slapd holds (paged, unlimited for the admin): that the load matched what was loaded.</summary>
    public static int CountEntries(string uri, string admin, string password)
    {
        var address = new Uri(uri);
        using var connection = new LdapConnection(new LdapDirectoryIdentifier(address.Host, address.Port), new NetworkCredential(admin, password), AuthType.Basic);
        connection.SessionOptions.ProtocolVersion = 3;
        connection.Bind();
        var request = new LdapSearch(Ldif.Entries, "(objectClass=mmDirectoryEntry)", SearchScope.OneLevel, "1.1");
        var paging = new PageResultRequestControl(1000);
        request.Controls.Add(paging);
        var count = 0;
        while (true)
        {
            var response = (SearchResponse)connection.SendRequest(request);
            count += response.Entries.Count;
            var cookie = response.Controls.OfType<PageResultResponseControl>().FirstOrDefault()?.Cookie;
            if (cookie is null || cookie.Length == 0) return count;
            paging.Cookie = cookie;
        }
    }
}
