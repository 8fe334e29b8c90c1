using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Medimail.IdentityRegistry.Data.Migrations
{
    /// <inheritdoc />
    public partial class OutboxHolds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "held_by",
                table: "outbox_messages",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_held",
                table: "outbox_messages",
                column: "held_by",
                filter: "held_by IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_held",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "held_by",
                table: "outbox_messages");
        }
    }
}
