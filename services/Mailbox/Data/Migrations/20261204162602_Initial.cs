using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Medimail.Mailbox.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "attachment_contents",
                columns: table => new
                {
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attachment_contents", x => x.sha256);
                });

            migrationBuilder.CreateTable(
                name: "mailboxes",
                columns: table => new
                {
                    address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    type = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    display_name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    return_address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    mssante_address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    structure_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    connection_accounts = table.Column<List<string>>(type: "text[]", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mailboxes", x => x.address);
                });

            migrationBuilder.CreateTable(
                name: "messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    from_display_name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    reply_to = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    to = table.Column<List<string>>(type: "text[]", nullable: false),
                    cc = table.Column<List<string>>(type: "text[]", nullable: false),
                    subject = table.Column<string>(type: "character varying(998)", maxLength: 998, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    sent_by = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    request_key = table.Column<string>(type: "character varying(700)", maxLength: 700, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    payload = table.Column<string>(type: "json", nullable: false)
                        .Annotation("Npgsql:Compression:", "lz4"),
                    correlation_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    held_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "processed_messages",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_processed_messages", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "traces",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    box_address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    actor = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    actor_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    message_id = table.Column<Guid>(type: "uuid", nullable: true),
                    detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    channel = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_traces", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "delegations",
                columns: table => new
                {
                    connection_account = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    box_address = table.Column<string>(type: "character varying(320)", nullable: false),
                    is_default = table.Column<bool>(type: "boolean", nullable: false),
                    reception_notice = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_delegations", x => new { x.connection_account, x.box_address });
                    table.ForeignKey(
                        name: "fk_delegations_mailboxes_box_address",
                        column: x => x.box_address,
                        principalTable: "mailboxes",
                        principalColumn: "address",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "mailbox_entries",
                columns: table => new
                {
                    box_address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    folder = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mailbox_entries", x => new { x.box_address, x.folder, x.message_id });
                    table.ForeignKey(
                        name: "fk_mailbox_entries_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "message_attachments",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_message_attachments", x => new { x.message_id, x.position });
                    table.ForeignKey(
                        name: "fk_message_attachments_attachment_contents_sha256",
                        column: x => x.sha256,
                        principalTable: "attachment_contents",
                        principalColumn: "sha256",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_message_attachments_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_delegations_box_address",
                table: "delegations",
                column: "box_address");

            migrationBuilder.CreateIndex(
                name: "ux_delegations_one_default_per_person",
                table: "delegations",
                column: "connection_account",
                unique: true,
                filter: "is_default");

            migrationBuilder.CreateIndex(
                name: "ix_mailbox_entries_folder_page",
                table: "mailbox_entries",
                columns: new[] { "box_address", "folder", "created_at", "message_id" },
                descending: new[] { false, false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_mailbox_entries_message_id",
                table: "mailbox_entries",
                column: "message_id");

            migrationBuilder.CreateIndex(
                name: "ix_mailboxes_mssante_address",
                table: "mailboxes",
                column: "mssante_address");

            migrationBuilder.CreateIndex(
                name: "ix_mailboxes_structure_id",
                table: "mailboxes",
                column: "structure_id");

            migrationBuilder.CreateIndex(
                name: "ix_message_attachments_sha256",
                table: "message_attachments",
                column: "sha256");

            migrationBuilder.CreateIndex(
                name: "ix_messages_request_key",
                table: "messages",
                column: "request_key",
                unique: true,
                filter: "request_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_held",
                table: "outbox_messages",
                column: "held_by",
                filter: "held_by IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_unsent",
                table: "outbox_messages",
                columns: new[] { "next_attempt_at", "created_at" },
                filter: "sent_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_traces_box_page",
                table: "traces",
                columns: new[] { "box_address", "time", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_traces_time",
                table: "traces",
                column: "time");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "delegations");

            migrationBuilder.DropTable(
                name: "mailbox_entries");

            migrationBuilder.DropTable(
                name: "message_attachments");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "processed_messages");

            migrationBuilder.DropTable(
                name: "traces");

            migrationBuilder.DropTable(
                name: "mailboxes");

            migrationBuilder.DropTable(
                name: "attachment_contents");

            migrationBuilder.DropTable(
                name: "messages");
        }
    }
}
