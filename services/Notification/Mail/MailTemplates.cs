using Medimail.Notification.Domain;

namespace Medimail.Notification.Mail;

/// <summary>The mail wording, read once from <c>Templates/</c> beside the binary; a missing file or unknown placeholder stops start-up.</summary>
public sealed class MailTemplates
{
    /// <summary>Each part parsed once at start-up; a render is concatenation only.</summary>
    private sealed record Template(CompiledTemplate Subject, CompiledTemplate Text, CompiledTemplate Html);

    /// <summary>Each kind's file name and the placeholders its values provide.</summary>
    private static readonly Dictionary<string, (string Name, IReadOnlySet<string> Placeholders)> FileNames = new(StringComparer.Ordinal)
    {
        [NotificationKinds.Enrolment] = ("enrolment", Invitation.Placeholders),
        [NotificationKinds.Relaunch] = ("relaunch", Invitation.Placeholders),
        [NotificationKinds.ReceptionNotice] = ("reception", ReceptionNotice.Placeholders),
        [NotificationKinds.InactivityNotice] = ("inactivity", AccountNotice.Placeholders),
        [NotificationKinds.RegistrationValidated] = ("registration-validated", AccountNotice.Placeholders),
        [NotificationKinds.RegistrationRejected] = ("registration-rejected", AccountNotice.Placeholders),
    };

    private readonly Dictionary<string, Template> templates;

    private MailTemplates(Dictionary<string, Template> templates) => this.templates = templates;

    public static MailTemplates Load(string folder)
    {
        var loaded = new Dictionary<string, Template>(StringComparer.Ordinal);
        foreach (var (kind, (name, placeholders)) in FileNames)
        {
            var (subject, text, html) = (TemplateText.OneLine(Read(folder, $"{name}.subject.txt")), Read(folder, $"{name}.txt"), Read(folder, $"{name}.html"));
            var unknown = new[] { subject, text, html }
                .SelectMany(TemplateText.PlaceholdersOf).Where(p => !placeholders.Contains(p)).Distinct().ToList();
            if (unknown.Count > 0)
                throw new InvalidOperationException($"Mail template '{name}' uses unknown placeholders: {string.Join(", ", unknown)}.");
            loaded[kind] = new Template(TemplateText.Compile(subject), TemplateText.Compile(text), TemplateText.Compile(html));
        }
        return new MailTemplates(loaded);
    }

    public RenderedMail Render(string kind, IReadOnlyDictionary<string, string> values)
    {
        var template = templates.TryGetValue(kind, out var t) ? t
            : throw new InvalidOperationException($"No mail template for {kind}.");
        return new RenderedMail(
            TemplateText.OneLine(template.Subject.Render(values, html: false)),
            template.Text.Render(values, html: false),
            template.Html.Render(values, html: true));
    }

    private static string Read(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        return File.Exists(path) ? File.ReadAllText(path)
            : throw new InvalidOperationException($"Mail template {path} is missing.");
    }
}
