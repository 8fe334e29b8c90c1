using System.Collections.Concurrent;
using Medimail.Contracts;

namespace Medimail.Messaging.Outbox;

/// <summary>Maps an outbox row's type name back to its contract; only types of the contracts namespace are accepted.</summary>
public static class ContractTypes
{
    private static readonly ConcurrentDictionary<string, Type> Cache = new();

    public static Type Resolve(string fullName) => Cache.GetOrAdd(fullName, name =>
    {
        var type = typeof(AccountCreated).Assembly.GetType(name);
        if (type is null || type.Namespace != typeof(AccountCreated).Namespace)
            throw new InvalidOperationException($"'{name}' is not an integration-event contract.");
        return type;
    });
}
