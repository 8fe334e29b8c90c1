using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Medimail.Directory.Data.Migrations
{
    /// <inheritdoc />
    public partial class OutboxPayloadJsonLz4 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "payload",
                table: "outbox_messages",
                type: "json",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "jsonb")
                .Annotation("Npgsql:Compression:", "lz4");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "payload",
                table: "outbox_messages",
                type: "jsonb",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "json")
                .OldAnnotation("Npgsql:Compression:", "lz4");
        }
    }
}
