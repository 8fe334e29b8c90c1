using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Medimail.Notification.Data.Migrations
{
    /// <inheritdoc />
    public partial class ComposedMessageContent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "text_body",
                table: "notifications",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AlterColumn<string>(
                name: "html_body",
                table: "notifications",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AddColumn<byte[]>(
                name: "content",
                table: "notifications",
                type: "bytea",
                nullable: true);

            // Out of line and uncompressed: the lease and the record rewrite the row many times, the message is
            // written once and read once; each rewrite then copies a TOAST pointer, not the message.
            migrationBuilder.Sql("ALTER TABLE notifications ALTER COLUMN content SET STORAGE EXTERNAL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "content",
                table: "notifications");

            migrationBuilder.AlterColumn<string>(
                name: "text_body",
                table: "notifications",
                type: "text",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "html_body",
                table: "notifications",
                type: "text",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);
        }
    }
}
