using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Medimail.IdentityRegistry.Data.Migrations
{
    /// <inheritdoc />
    public partial class ImportOmittedIssues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "omitted_errors",
                table: "import_jobs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "omitted_warnings",
                table: "import_jobs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Idempotency keys scoped by caller, structure and request body.
            migrationBuilder.AddColumn<string>(
                name: "caller",
                table: "idempotency_keys",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "scope",
                table: "idempotency_keys",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "fingerprint",
                table: "idempotency_keys",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(name: "caller", table: "idempotency_keys");
            migrationBuilder.DropColumn(name: "scope", table: "idempotency_keys");
            migrationBuilder.DropColumn(name: "fingerprint", table: "idempotency_keys");

            migrationBuilder.DropColumn(
                name: "omitted_errors",
                table: "import_jobs");

            migrationBuilder.DropColumn(
                name: "omitted_warnings",
                table: "import_jobs");
        }
    }
}
