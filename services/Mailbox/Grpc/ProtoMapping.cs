using Medimail.Mailbox.Domain;

namespace Medimail.Mailbox.Grpc;

internal static class ProtoMapping
{
    public static V1.Mailbox ToProto(this MailboxProjection box, IEnumerable<Delegation> connections) => new()
    {
        Address = box.Address,
        Type = box.Type,
        State = box.State,
        DisplayName = box.DisplayName,
        ReturnAddress = box.ReturnAddress ?? "",
        MssanteAddress = box.MssanteAddress ?? "",
        StructureId = box.StructureId,
        ConnectionAccounts = { box.ConnectionAccounts },
        Connections =
        {
            connections.Select(d => new V1.ConnectionSettings
            {
                Address = box.Address, Email = d.ConnectionAccount, IsDefault = d.IsDefault, ReceptionNotice = d.ReceptionNotice,
            }),
        },
    };

    public static V1.MyMailbox ToProto(this MyMailbox mine) => new()
    {
        Address = mine.Address,
        Type = mine.Type,
        DisplayName = mine.DisplayName,
        IsDefault = mine.IsDefault,
        ReceptionNotice = mine.ReceptionNotice,
    };
}
