using Microsoft.IdentityModel.Protocols;

namespace Medimail.ServiceDefaults.Auth;

/// <summary>
/// The discovery document names its endpoints under the public issuer (the gateway's address), which a service
/// inside the cluster may not reach. This retriever reads those documents from Identity-Registry directly.
/// </summary>
internal sealed class InternalMetadataRetriever(string publicIssuer, string metadataAddress, bool allowHttp) : IDocumentRetriever
{
    private readonly HttpDocumentRetriever inner = new() { RequireHttps = !allowHttp };
    private readonly string internalBase = new Uri(metadataAddress).GetLeftPart(UriPartial.Authority) + "/";
    private readonly string issuerBase = publicIssuer.EndsWith('/') ? publicIssuer : publicIssuer + "/";

    public Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        var internalAddress = address.StartsWith(issuerBase, StringComparison.OrdinalIgnoreCase)
            ? internalBase + address[issuerBase.Length..]
            : address;
        return inner.GetDocumentAsync(internalAddress, cancel);
    }
}
