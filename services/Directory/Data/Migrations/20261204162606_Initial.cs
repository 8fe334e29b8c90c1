using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Medimail.Directory.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "directory_entries",
                columns: table => new
                {
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false, collation: "C"),
                    type = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    structure_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    last_name = table.Column<string>(type: "text", nullable: false),
                    first_name = table.Column<string>(type: "text", nullable: false),
                    rpps = table.Column<string>(type: "text", nullable: true),
                    adeli = table.Column<string>(type: "text", nullable: true),
                    legal_name = table.Column<string>(type: "text", nullable: true),
                    service_unit = table.Column<string>(type: "text", nullable: true),
                    address_line1 = table.Column<string>(type: "text", nullable: true),
                    address_line2 = table.Column<string>(type: "text", nullable: true),
                    postal_code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    city = table.Column<string>(type: "text", nullable: true),
                    department_code = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    region_code = table.Column<string>(type: "text", nullable: true),
                    phone = table.Column<string>(type: "text", nullable: true),
                    profession = table.Column<string>(type: "text", nullable: true),
                    specialty = table.Column<string>(type: "text", nullable: true),
                    independent_practice = table.Column<bool>(type: "boolean", nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    exercise_title = table.Column<string>(type: "text", nullable: true),
                    mssante_address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    structure_national_id = table.Column<string>(type: "text", nullable: true),
                    unlisted_regional = table.Column<bool>(type: "boolean", nullable: false),
                    unlisted_national = table.Column<bool>(type: "boolean", nullable: false),
                    account_updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    visibility_set_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    visibility_version = table.Column<long>(type: "bigint", nullable: false),
                    projected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_name_key = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    first_name_key = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    search_words = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    city_key = table.Column<string>(type: "text", nullable: true),
                    listed_regional = table.Column<bool>(type: "boolean", nullable: false),
                    listed_national = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_directory_entries", x => x.email);
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

            migrationBuilder.CreateIndex(
                name: "ix_directory_entries_adeli",
                table: "directory_entries",
                column: "adeli",
                filter: "adeli IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_directory_entries_city_key",
                table: "directory_entries",
                column: "city_key");

            migrationBuilder.CreateIndex(
                name: "ix_directory_entries_department_code",
                table: "directory_entries",
                column: "department_code");

            migrationBuilder.CreateIndex(
                name: "ix_directory_entries_mssante_address",
                table: "directory_entries",
                column: "mssante_address",
                filter: "mssante_address IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_directory_entries_national_by_name",
                table: "directory_entries",
                columns: new[] { "last_name_key", "first_name_key", "email" },
                filter: "listed_national");

            migrationBuilder.CreateIndex(
                name: "ix_directory_entries_postal_code",
                table: "directory_entries",
                column: "postal_code");

            migrationBuilder.CreateIndex(
                name: "ix_directory_entries_projected_at",
                table: "directory_entries",
                column: "projected_at");

            migrationBuilder.CreateIndex(
                name: "ix_directory_entries_regional_by_name",
                table: "directory_entries",
                columns: new[] { "last_name_key", "first_name_key", "email" },
                filter: "listed_regional");

            migrationBuilder.CreateIndex(
                name: "ix_directory_entries_rpps",
                table: "directory_entries",
                column: "rpps",
                filter: "rpps IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_directory_entries_search_words_trgm",
                table: "directory_entries",
                column: "search_words")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

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

            // The change feed behind the in-memory search index (Search/EntryIndexFeed): each row carries the id of the
            // transaction that last wrote it, every writing statement notifies listeners, and deletes (or a rebuild's swap)
            // bump a generation that makes every instance reload. Not in the EF model: only the feed reads these, by SQL.
            migrationBuilder.Sql("""
                ALTER TABLE directory_entries ADD COLUMN changed_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
                CREATE INDEX ix_directory_entries_changed_xid ON directory_entries (changed_xid);

                CREATE TABLE directory_feed (
                    id int PRIMARY KEY CHECK (id = 1),
                    generation bigint NOT NULL);
                INSERT INTO directory_feed VALUES (1, 0);

                CREATE FUNCTION directory_entries_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.changed_xid := pg_current_xact_id();
                    RETURN NEW;
                END $$;

                CREATE FUNCTION directory_entries_notify() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('directory_entries_changed', '');
                    RETURN NULL;
                END $$;

                CREATE FUNCTION directory_entries_next_generation() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE directory_feed SET generation = generation + 1;
                    PERFORM pg_notify('directory_entries_changed', '');
                    RETURN NULL;
                END $$;

                CREATE TRIGGER directory_entries_stamp BEFORE INSERT OR UPDATE ON directory_entries
                    FOR EACH ROW EXECUTE FUNCTION directory_entries_stamp();
                CREATE TRIGGER directory_entries_notify AFTER INSERT OR UPDATE ON directory_entries
                    FOR EACH STATEMENT EXECUTE FUNCTION directory_entries_notify();
                CREATE TRIGGER directory_entries_deleted AFTER DELETE ON directory_entries
                    FOR EACH STATEMENT EXECUTE FUNCTION directory_entries_next_generation();
                CREATE TRIGGER directory_entries_truncated AFTER TRUNCATE ON directory_entries
                    FOR EACH STATEMENT EXECUTE FUNCTION directory_entries_next_generation();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER directory_entries_truncated ON directory_entries;
                DROP TRIGGER directory_entries_deleted ON directory_entries;
                DROP TRIGGER directory_entries_notify ON directory_entries;
                DROP TRIGGER directory_entries_stamp ON directory_entries;
                DROP FUNCTION directory_entries_next_generation();
                DROP FUNCTION directory_entries_notify();
                DROP FUNCTION directory_entries_stamp();
                DROP TABLE directory_feed;
                ALTER TABLE directory_entries DROP COLUMN changed_xid;
                """);

            migrationBuilder.DropTable(
                name: "directory_entries");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "processed_messages");
        }
    }
}
