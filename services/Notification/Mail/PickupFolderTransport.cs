namespace Medimail.Notification.Mail;

/// <summary>
/// Development and tests without a mail server: each message becomes <c>{Message-ID}.eml</c>. Written under a
/// temporary name and renamed, so whoever watches the folder never reads half a message.
/// </summary>
public sealed class PickupFolderTransport(string folder) : IMailTransport
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        // Fully qualified: Medimail.Directory (the directory service's contract) shadows System.IO.Directory here.
        System.IO.Directory.CreateDirectory(folder);
        var name = FileNameOf(mail.MessageId);
        var temporary = Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.tmp");
        var final = Path.Combine(folder, $"{name}.eml");
        try
        {
            await File.WriteAllBytesAsync(temporary, mail.Content, cancellationToken);
            File.Move(temporary, final, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public static string FileNameOf(string messageId) =>
        string.Concat(messageId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '@' or '.' or '-' or '_' ? c : '_'));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
