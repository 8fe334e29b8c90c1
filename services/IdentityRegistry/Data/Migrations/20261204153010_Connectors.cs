using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Medimail.IdentityRegistry.Data.Migrations
{
    /// <inheritdoc />
    public partial class Connectors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "connectors",
                columns: table => new
                {
                    client_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    structure_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    rotated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_connectors", x => x.client_id);
                    table.ForeignKey(
                        name: "fk_connectors_structures_structure_id",
                        column: x => x.structure_id,
                        principalTable: "structures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_connectors_revoked_at",
                table: "connectors",
                column: "revoked_at",
                filter: "revoked_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_connectors_structure_id_created_at",
                table: "connectors",
                columns: new[] { "structure_id", "created_at" });

            // Connectors created before this table existed: their OAuth clients carry the structure in their properties.
            migrationBuilder.Sql("""
                INSERT INTO connectors (client_id, structure_id, name, created_at)
                SELECT a.client_id, (a.properties::jsonb ->> 'medimail_structure_id')::uuid, COALESCE(a.display_name, a.client_id), now()
                FROM "OpenIddictApplications" a
                WHERE a.client_id LIKE 'connector-%' AND a.properties::jsonb ? 'medimail_structure_id'
                  AND EXISTS (SELECT 1 FROM structures s WHERE s.id = (a.properties::jsonb ->> 'medimail_structure_id')::uuid)
                ON CONFLICT DO NOTHING;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "connectors");
        }
    }
}
