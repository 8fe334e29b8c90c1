using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Medimail.Directory.Data.Migrations
{
    /// <inheritdoc />
    public partial class VisibilityOwnershipAndRebuild : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "projected_at",
                table: "directory_entries",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "visibility_set_at",
                table: "directory_entries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "visibility_version",
                table: "directory_entries",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "ix_directory_entries_projected_at",
                table: "directory_entries",
                column: "projected_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_directory_entries_projected_at",
                table: "directory_entries");

            migrationBuilder.DropColumn(
                name: "projected_at",
                table: "directory_entries");

            migrationBuilder.DropColumn(
                name: "visibility_set_at",
                table: "directory_entries");

            migrationBuilder.DropColumn(
                name: "visibility_version",
                table: "directory_entries");
        }
    }
}
