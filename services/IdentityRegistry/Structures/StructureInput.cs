namespace Medimail.IdentityRegistry.Structures;

public sealed record StructureInput(string Name, string IdentifierType, string Identifier, string MssanteDomain);
