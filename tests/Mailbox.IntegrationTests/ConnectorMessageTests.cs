using Google.Protobuf;
using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.Mailbox.V1;

namespace Medimail.Mailbox.IntegrationTests;

/// <summary>A business software's connector sends from its APP box through the gateway: rules, limits, idempotency, traces.</summary>
public sealed class ConnectorMessageTests
{
    [Fact]
    public async Task A_connector_sends_a_pdf_from_its_app_box_and_the_shared_inbox_gets_it_with_reply_to_and_a_trace()
    {
        var world = await MessagingWorld.CreateAsync();
        var pdf = MessagingWorld.Pdf(200 * 1024);
        var sent = await world.ConnectorMessages().SendMessageAsync(new SendMessageRequest
        {
            Address = world.AppBox,
            To = { world.OrgMssante.ToUpperInvariant() }, // by its MSSanté address, in capitals
            Subject = "Compte rendu d'IRM",
            Body = "Veuillez trouver le compte rendu ci-joint.",
            Attachments = { new Attachment { FileName = "cr-irm.pdf", ContentType = "application/pdf", Content = ByteString.CopyFrom(pdf) } },
            RequestId = Guid.NewGuid().ToString(),
        });

        Assert.Equal(world.AppBox, sent.From);
        Assert.Equal(world.OrgBox, sent.ReplyTo);
        Assert.Equal("Comptes rendus de radiologie envoyés automatiquement", sent.FromDisplayName);
        Assert.Equal("SENT", sent.Folder);
        Assert.Equal(1, await MessagingWorld.InboxCountAsync(world.OrgBox, sent.Id));

        // The connector sees its SENT copy, and reads it back whole.
        var sentFolder = await world.ConnectorMessages().ListMessagesAsync(new ListMessagesRequest { Address = world.AppBox, Folder = "SENT" });
        Assert.Equal(sent.Id, Assert.Single(sentFolder.Messages).Id);
        var read = await world.ConnectorMessages().GetMessageAsync(new GetMessageRequest { Address = world.AppBox, Id = sent.Id });
        Assert.Equal(pdf, Assert.Single(read.Attachments).Content.ToByteArray());

        var traces = await (await MessagingWorld.OperatorMessagesAsync()).ListTracesAsync(new ListTracesRequest { Address = world.AppBox });
        var send = Assert.Single(traces.Traces, t => t.Action == "SEND");
        Assert.Equal((world.ClientId, "CONNECTOR", "SUCCESS", sent.Id), (send.Actor, send.ActorKind, send.Outcome, send.MessageId));
        var readTrace = Assert.Single(traces.Traces, t => t.Action == "READ");
        Assert.Equal(sent.Id, readTrace.MessageId);
        Assert.DoesNotContain(traces.Traces, t => t.Detail.Contains("IRM") || t.Detail.Contains("cr-irm"));
    }

    [Fact]
    public async Task A_connector_sends_a_pdf_to_an_enrolled_person_whose_inbox_holds_it_with_the_reply_to()
    {
        var world = await MessagingWorld.CreateAsync();
        var person = await world.EnrolledPersonAsync();
        var pdf = MessagingWorld.Pdf(64 * 1024);
        var sent = await world.ConnectorMessages().SendMessageAsync(new SendMessageRequest
        {
            Address = world.AppBox,
            To = { person },
            Subject = "Compte rendu",
            Attachments = { new Attachment { FileName = "cr.pdf", ContentType = "application/pdf", Content = ByteString.CopyFrom(pdf) } },
            RequestId = Guid.NewGuid().ToString(),
        });

        Assert.Equal(1, await MessagingWorld.InboxCountAsync(person, sent.Id));
        Assert.Equal(1, await MessagingWorld.CountAsync(
            "SELECT count(*) FROM messages m JOIN message_attachments a ON a.message_id = m.id JOIN attachment_contents c ON c.sha256 = a.sha256 " +
            "WHERE m.id = @id AND m.reply_to = @r AND c.size = @size",
            ("id", Guid.Parse(sent.Id)), ("r", world.OrgBox), ("size", (long)pdf.Length)));
    }

    [Fact]
    public async Task A_person_still_pre_registered_cannot_receive_yet()
    {
        var world = await MessagingWorld.CreateAsync();
        var error = await Assert.ThrowsAsync<RpcException>(async () => await world.ConnectorMessages().SendMessageAsync(new SendMessageRequest
        {
            Address = world.AppBox, To = { world.Person }, Subject = "Trop tôt",
        }));
        MessagingWorld.AssertViolation(error, StatusCode.InvalidArgument, "to[0]", mentions: "PRE_REGISTERED");
    }

    [Fact]
    public async Task Mail_to_an_app_address_is_refused_naming_its_return_address_and_the_refusal_is_traced()
    {
        var world = await MessagingWorld.CreateAsync();
        var other = await MessagingWorld.CreateAsync();
        var error = await Assert.ThrowsAsync<RpcException>(async () => await other.ConnectorMessages().SendMessageAsync(new SendMessageRequest
        {
            Address = other.AppBox,
            To = { other.OrgBox },
            Cc = { world.AppBox },
            Subject = "Réponse",
            RequestId = Guid.NewGuid().ToString(),
        }));

        MessagingWorld.AssertViolation(error, StatusCode.InvalidArgument, "cc[0]", mentions: world.OrgBox);
        var traces = await (await MessagingWorld.OperatorMessagesAsync()).ListTracesAsync(new ListTracesRequest { Address = other.AppBox });
        var refused = Assert.Single(traces.Traces);
        Assert.Equal(("SEND", "REFUSED"), (refused.Action, refused.Outcome));
        Assert.Contains(world.OrgBox, refused.Detail);
        // Nothing reached the ORG box named in "to" either: the message is refused whole.
        Assert.Equal(0, await MessagingWorld.CountAsync("SELECT count(*) FROM mailbox_entries WHERE box_address = @b", ("b", other.OrgBox)));
    }

    [Fact]
    public async Task An_address_outside_the_platform_is_refused_clearly()
    {
        var world = await MessagingWorld.CreateAsync();
        var error = await Assert.ThrowsAsync<RpcException>(async () => await world.ConnectorMessages().SendMessageAsync(new SendMessageRequest
        {
            Address = world.AppBox, To = { world.OrgBox, "docteur@exterieur.example" }, Subject = "x",
        }));
        MessagingWorld.AssertViolation(error, StatusCode.InvalidArgument, "to[1]", mentions: "extérieure");
    }

    [Fact]
    public async Task The_same_request_id_twice_sends_once()
    {
        var world = await MessagingWorld.CreateAsync();
        var request = new SendMessageRequest
        {
            Address = world.AppBox, To = { world.OrgBox }, Subject = "Résultats", Body = "…",
            RequestId = Guid.NewGuid().ToString(),
        };
        var first = await world.ConnectorMessages().SendMessageAsync(request);
        var second = await world.ConnectorMessages().SendMessageAsync(request);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(1, await MessagingWorld.CountAsync("SELECT count(*) FROM mailbox_entries WHERE box_address = @b", ("b", world.OrgBox)));
        var sent = await world.ConnectorMessages().ListMessagesAsync(new ListMessagesRequest { Address = world.AppBox, Folder = "SENT" });
        Assert.Equal(1, sent.TotalSize);
    }

    [Fact]
    public async Task An_oversize_attachment_is_refused_naming_the_field_and_nothing_is_stored()
    {
        var world = await MessagingWorld.CreateAsync();
        var big = MessagingWorld.Pdf(25 * 1024 * 1024 + 1);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(big));
        var error = await Assert.ThrowsAsync<RpcException>(async () => await world.ConnectorMessages(throughGateway: false).SendMessageAsync(new SendMessageRequest
        {
            Address = world.AppBox, To = { world.OrgBox }, Subject = "Trop lourd",
            Attachments = { new Attachment { FileName = "scanner.pdf", ContentType = "application/pdf", Content = ByteString.CopyFrom(big) } },
            RequestId = Guid.NewGuid().ToString(),
        }));

        MessagingWorld.AssertViolation(error, StatusCode.InvalidArgument, "attachments", mentions: "25 Mo");
        Assert.Equal(0, await MessagingWorld.CountAsync("SELECT count(*) FROM attachment_contents WHERE sha256 = @h", ("h", hash)));
        Assert.Equal(0, await MessagingWorld.CountAsync("SELECT count(*) FROM messages WHERE from_address = @a", ("a", world.AppBox)));
    }

    [Fact]
    public async Task An_oversize_attachment_sent_as_rest_json_through_the_gateway_is_refused_naming_the_attachments_and_nothing_is_stored()
    {
        var world = await MessagingWorld.CreateAsync();
        // 25 MB + 1 byte of file: about 34 MB of base64 JSON, which the gateway and Mailbox must let through to the check.
        var big = MessagingWorld.Pdf(25 * 1024 * 1024 + 1);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(big));
        var json = System.Text.Json.JsonSerializer.Serialize(new
        {
            to = new[] { world.OrgBox },
            subject = "Trop lourd",
            attachments = new[] { new { fileName = "scanner.pdf", contentType = "application/pdf", content = Convert.ToBase64String(big) } },
            requestId = Guid.NewGuid().ToString(),
        });
        Assert.InRange(json.Length, 33_000_000, 40 * 1024 * 1024);

        using var rest = Channels.Rest(world.ConnectorToken);
        using var response = await rest.PostAsync($"/api/v1/mailboxes/{world.AppBox}/messages",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
        var violations = (System.Text.Json.Nodes.JsonNode.Parse(body)!["details"]?.AsArray() ?? [])
            .SelectMany(d => d?["fieldViolations"]?.AsArray() ?? []).ToList();
        var violation = Assert.Single(violations, v => v!["field"]!.GetValue<string>() == "attachments");
        Assert.Contains("25 Mo", violation!["description"]!.GetValue<string>());
        Assert.Equal(0, await MessagingWorld.CountAsync("SELECT count(*) FROM attachment_contents WHERE sha256 = @h", ("h", hash)));
        Assert.Equal(0, await MessagingWorld.CountAsync("SELECT count(*) FROM messages WHERE from_address = @a", ("a", world.AppBox)));
    }

    [Fact]
    public async Task A_file_whose_bytes_are_not_its_declared_type_is_refused()
    {
        var world = await MessagingWorld.CreateAsync();
        var error = await Assert.ThrowsAsync<RpcException>(async () => await world.ConnectorMessages().SendMessageAsync(new SendMessageRequest
        {
            Address = world.AppBox, To = { world.OrgBox }, Subject = "Faux PDF",
            Attachments =
            {
                new Attachment { FileName = "ok.pdf", ContentType = "application/pdf", Content = ByteString.CopyFrom(MessagingWorld.Pdf()) },
                new Attachment { FileName = "faux.pdf", ContentType = "application/pdf", Content = ByteString.CopyFrom([0x4D, 0x5A, 0x90, 0x00]) },
            },
        }));
        MessagingWorld.AssertViolation(error, StatusCode.InvalidArgument, "attachments[1].contentType");
    }

    [Fact]
    public async Task A_disabled_app_box_cannot_send()
    {
        var world = await MessagingWorld.CreateAsync();
        var accounts = new AccountService.AccountServiceClient(Channels.Create(TestEnvironment.IdentityGrpcUrl, await Tokens.OperatorAsync()));
        await accounts.DisableAccountAsync(new AccountActionRequest { Email = world.AppBox });
        await MessagingWorld.WaitForBoxAsync(world.AppBox, b => b.State == "DISABLED");

        var error = await Assert.ThrowsAsync<RpcException>(async () => await world.ConnectorMessages().SendMessageAsync(new SendMessageRequest
        {
            Address = world.AppBox, To = { world.OrgBox }, Subject = "Après désactivation",
        }));
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("désactivée", error.Status.Detail);
    }

    [Fact]
    public async Task A_connector_cannot_send_from_an_app_box_of_another_structure()
    {
        var world = await MessagingWorld.CreateAsync();
        var other = await MessagingWorld.CreateAsync();
        var error = await Assert.ThrowsAsync<RpcException>(async () => await other.ConnectorMessages().SendMessageAsync(new SendMessageRequest
        {
            Address = world.AppBox, To = { world.OrgBox }, Subject = "Usurpation",
        }));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal(0, await MessagingWorld.CountAsync("SELECT count(*) FROM mailbox_entries WHERE box_address = @b", ("b", world.OrgBox)));
    }
}

/// <summary>Deleting through REST (the gateway's transcoding), and who may not read.</summary>
public sealed class DeleteAndReadRightsTests
{
    [Fact]
    public async Task A_message_deleted_from_sent_over_rest_leaves_the_recipients_copy_and_is_traced()
    {
        var world = await MessagingWorld.CreateAsync();
        var sent = await world.ConnectorMessages().SendMessageAsync(new SendMessageRequest
        {
            Address = world.AppBox, To = { world.OrgBox }, Subject = "À supprimer", RequestId = Guid.NewGuid().ToString(),
        });

        using var rest = Channels.Rest(world.ConnectorToken);
        using var deleted = await rest.DeleteAsync($"/api/v1/mailboxes/{world.AppBox}/messages/{sent.Id}");
        Assert.Equal(System.Net.HttpStatusCode.OK, deleted.StatusCode);
        using var again = await rest.DeleteAsync($"/api/v1/mailboxes/{world.AppBox}/messages/{sent.Id}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, again.StatusCode);

        var left = await world.ConnectorMessages().ListMessagesAsync(new ListMessagesRequest { Address = world.AppBox, Folder = "SENT" });
        Assert.Empty(left.Messages);
        Assert.Equal(1, await MessagingWorld.InboxCountAsync(world.OrgBox, sent.Id));
        var traces = await (await MessagingWorld.OperatorMessagesAsync()).ListTracesAsync(new ListTracesRequest { Address = world.AppBox });
        Assert.Contains(traces.Traces, t => t is { Action: "DELETE", Outcome: "SUCCESS" } && t.MessageId == sent.Id);
        Assert.Contains(traces.Traces, t => t is { Action: "DELETE", Outcome: "REFUSED" } && t.MessageId == sent.Id);
    }

    [Fact]
    public async Task An_operator_sees_the_traces_of_a_box_but_never_reads_its_messages()
    {
        var world = await MessagingWorld.CreateAsync();
        var sent = await world.ConnectorMessages().SendMessageAsync(new SendMessageRequest
        {
            Address = world.AppBox, To = { world.OrgBox }, Subject = "Confidentiel",
        });
        var operatorMessages = await MessagingWorld.OperatorMessagesAsync();
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await operatorMessages.GetMessageAsync(new GetMessageRequest { Address = world.OrgBox, Id = sent.Id }));
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);

        var traces = await operatorMessages.ListTracesAsync(new ListTracesRequest { Address = world.OrgBox });
        var refused = Assert.Single(traces.Traces);
        Assert.Equal(("READ", "REFUSED", "OPERATOR", sent.Id), (refused.Action, refused.Outcome, refused.ActorKind, refused.MessageId));
    }
}
