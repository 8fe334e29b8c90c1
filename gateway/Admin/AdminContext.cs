using Google.Rpc;
using Grpc.Core;
using Medimail.Gateway.Pages;

namespace Medimail.Gateway.Admin;

/// <summary>One console request: the person, the API as that person, the antiforgery field of the page, and how to answer.</summary>
internal sealed class AdminContext(HttpContext http, AdminUser user, Antiforgery antiforgery, AdminApi api, ReferenceLists lists)
{
    public HttpContext Http => http;
    public AdminUser User => user;
    public Antiforgery Af => antiforgery;
    public AdminApi Api => api;
    public CallOptions Call => api.As(user, http.RequestAborted);
    public CancellationToken Aborted => http.RequestAborted;

    public Task<ReferenceLists> ListsAsync() => lists.LoadAsync(http.RequestAborted);

    public string Query(string name, int max = 254) => http.Request.Query[name].ToString() is { } v && v.Length > max ? v[..max] : http.Request.Query[name].ToString();

    public Task WriteAsync(string current, string title, string main, int status = StatusCodes.Status200OK, string? script = null) =>
        PageWriter.WriteAsync(http, status, AdminHtml.Page(user, antiforgery, current, title, main, script));

    /// <summary>Post/redirect/get: after a change, the page is shown by a GET, so a reload repeats nothing.</summary>
    public void SeeOther(string location) => http.Response.Redirect(location, permanent: false, preserveMethod: false);

    /// <summary>The structures the person may pick: every structure for an operator, its own for a structure admin.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> StructuresAsync()
    {
        if (!user.IsOperator) return user.Structures;
        var page = await api.Structures.ListStructuresAsync(new Medimail.Identity.V1.ListStructuresRequest { PageSize = 200 }, Call);
        return page.Structures.Select(s => (s.Id, s.Name)).ToList();
    }

    /// <summary>The field violations of a refused call, on the form's field names.</summary>
    public static void AddViolations(FormState form, RpcException ex, Func<string, string> fieldOf, string fallbackField)
    {
        var violations = ex.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations;
        if (violations is null || violations.Count == 0)
            form.Errors.Add((fallbackField, ex.Status.Detail));
        else
            form.Errors.AddRange(violations.Select(v => (fieldOf(v.Field), v.Description)));
    }
}
