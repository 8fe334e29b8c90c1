#!/bin/sh
# First start of an empty PostgreSQL container (docker-compose.yml and the development
# overlay both run it from /docker-entrypoint-initdb.d): the services' role, their four
# databases, and the extensions their migrations need, created as superuser because the
# role is not one. Same result as scripts/lib/postgres.sh on a developer machine.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -v pw="${MEDIMAIL_DB_PASSWORD:?MEDIMAIL_DB_PASSWORD is required}" <<'SQL'
CREATE ROLE medimail WITH LOGIN CREATEDB PASSWORD :'pw';
CREATE DATABASE identity OWNER medimail;
CREATE DATABASE mailbox OWNER medimail;
CREATE DATABASE directory OWNER medimail;
CREATE DATABASE notification OWNER medimail;
SQL
for db in identity mailbox directory notification; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$db" \
       -c 'CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;'
done
