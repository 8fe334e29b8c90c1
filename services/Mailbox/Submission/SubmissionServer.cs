using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Medimail.Mailbox.Messages;
using Medimail.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;
using SmtpServer;

namespace Medimail.Mailbox.Submission;

/// <summary>
/// The SMTP submission listener (SmtpServer package) on <c>Ports__Submission</c>: STARTTLS offered and required before
/// AUTH, AUTH required before MAIL FROM, messages larger than the attachment limit (base64 included) refused by SIZE.
/// </summary>
public sealed class SubmissionServer(
    IOptions<SubmissionOptions> options, IOptions<MessageLimits> limits, PortsOptions ports, IConfiguration configuration,
    IHostEnvironment environment, ConnectorAuthenticator authenticator, SubmissionFilter filter, SubmissionStore store,
    ILogger<SubmissionServer> logger) : BackgroundService
{
    public const int DefaultPort = 5587;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var port = configuration.GetValue("Ports:Submission", DefaultPort);
        var certificate = LoadCertificate(settings);
        if (certificate is null)
            return;
        var maxBytes = (int)Math.Min(int.MaxValue, limits.Value.MaxAttachmentBytes * 4 / 3 + 4L * limits.Value.MaxBodyChars + 1024 * 1024);

        var smtpOptions = new SmtpServerOptionsBuilder()
            .ServerName(settings.ServerName)
            // Strict: the limit applies to the bytes that arrive, not only to the SIZE a client declares. Without it a
            // client that declares nothing has its whole DATA buffered (120 MB sent cost the Mailbox 700 MB).
            .MaxMessageSize(maxBytes, MaxMessageSizeHandling.Strict)
            .MaxAuthenticationAttempts(3)
            .Endpoint(endpoint => endpoint
                .Endpoint(new IPEndPoint(IPAddress.Parse(ports.Bind), port))
                .Certificate(certificate)
                .AllowUnsecureAuthentication(false)
                .AuthenticationRequired(true)
                .SessionTimeout(settings.SessionTimeout))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(authenticator);
        services.Add(filter);
        services.Add(store);

        var server = new SmtpServer.SmtpServer(smtpOptions, services);
        logger.LogInformation("SMTP submission listening on {Bind}:{Port} (STARTTLS, AUTH PLAIN)", ports.Bind, port);
        await server.StartAsync(stoppingToken);
    }

    private X509Certificate2? LoadCertificate(SubmissionOptions settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.CertificatePath) && !string.IsNullOrWhiteSpace(settings.KeyPath))
            return X509Certificate2.CreateFromPemFile(settings.CertificatePath, settings.KeyPath);
        if (!environment.IsDevelopment())
        {
            // Not a crash: the API keeps serving; the log says what is missing (a deployment without SMTP sets Enabled=false).
            logger.LogError("SMTP submission is NOT listening: set Submission:CertificatePath and Submission:KeyPath (PEM files), " +
                "or Submission:Enabled=false to silence this");
            return null;
        }
        logger.LogWarning("SMTP submission: no certificate configured, using an ephemeral self-signed one (development only)");
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
    }
}
