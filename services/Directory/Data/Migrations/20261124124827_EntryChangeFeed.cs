using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Medimail.Directory.Data.Migrations
{
    /// <summary>
    /// The change feed behind the in-memory search index (Search/EntryIndexFeed): each row carries the id of the
    /// transaction that last wrote it, every writing statement notifies listeners, and deletes (or a rebuild's swap)
    /// bump a generation that makes every instance reload. Not in the EF model: only the feed reads these, by SQL.
    /// </summary>
    public partial class EntryChangeFeed : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }
    }
}
