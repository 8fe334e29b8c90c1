using Serilog.Core;
using Serilog.Events;

namespace Medimail.ServiceDefaults.Logging;

/// <summary>
/// Runs on every event before any sink, in every environment: masks enrolment tokens wherever a path or URL holds
/// one (the request log's RequestPath, a client's Uri, a message argument), and writes control characters as
/// escapes so a CR or LF smuggled into a path or a header cannot forge a line in the console log. Doing it once
/// here, not in each sink's template, is what makes it hold for sinks added later.
/// </summary>
public sealed class LogSafetyEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? replaced = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            if (value is ScalarValue { Value: string text } && SafeText.ForLog(text) is var safe && !ReferenceEquals(safe, text))
                (replaced ??= []).Add(new LogEventProperty(name, new ScalarValue(safe)));
        }
        if (replaced is null)
            return;
        foreach (var property in replaced)
            logEvent.AddOrUpdateProperty(property);
    }
}
