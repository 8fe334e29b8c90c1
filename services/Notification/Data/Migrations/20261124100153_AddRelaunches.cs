using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Medimail.Notification.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddRelaunches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "relaunches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    structure_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    request_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    requested_by = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    structure_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    recipients = table.Column<List<string>>(type: "text[]", nullable: false),
                    recipient_count = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_relaunches", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_relaunches_structure_id_created_at_id",
                table: "relaunches",
                columns: new[] { "structure_id", "created_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_relaunches_structure_id_request_id",
                table: "relaunches",
                columns: new[] { "structure_id", "request_id" },
                unique: true,
                filter: "request_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ux_relaunches_in_progress",
                table: "relaunches",
                column: "structure_id",
                unique: true,
                filter: "state = 'STARTED'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "relaunches");
        }
    }
}
