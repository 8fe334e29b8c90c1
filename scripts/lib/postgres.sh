# PostgreSQL 15 of one profile: a cluster of our own in $PG_DATA, on 127.0.0.1:$PG_PORT.
# Sourced by scripts/infra.sh after profile_load.
# shellcheck shell=bash

MEDIMAIL_DATABASES=(identity mailbox directory notification)

pg_tool() { local tool=$1; shift; as_user postgres "$PG_BIN/$tool" "$@"; }

# Superuser psql over our private unix socket (trust there, and only postgres can open the folder).
pg_sql() { PGOPTIONS='--client-min-messages=warning' pg_tool psql -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres "$@"; }

pg_running() { [[ -f $PG_DATA/postmaster.pid ]] && pg_tool pg_ctl -D "$PG_DATA" status >/dev/null 2>&1; }

pg_running_port() { sed -n 4p "$PG_DATA/postmaster.pid" 2>/dev/null; }

pg_init() {
  log "creating a PostgreSQL cluster in $PG_DATA"
  mkdir -p "$PG_DATA" "$PG_SOCKET_DIR"
  own postgres "$PG_DATA" "$PG_SOCKET_DIR"
  chmod 700 "$PG_DATA" "$PG_SOCKET_DIR"
  # initdb wants the superuser password in a file the postgres user can read, and an empty data folder.
  local pwfile=$PG_SOCKET_DIR/.initdb-pw
  printf '%s\n' "$PG_SUPERUSER_PASSWORD" >"$pwfile"
  own postgres "$pwfile"
  pg_tool initdb -D "$PG_DATA" -U postgres --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >"$INFRA_DIR/initdb.log" 2>&1 \
    || { rm -f "$pwfile"; show_tail "$INFRA_DIR/initdb.log"; die "initdb failed"; }
  rm -f "$pwfile"
  {
    echo "# medimail $PROFILE profile"
    echo "max_connections = 300"   # four services with Npgsql pools, plus the tests
    if [[ $PROFILE == test ]]; then
      # Throwaway data: durability only costs time here.
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "full_page_writes = off"
    fi
  } >>"$PG_DATA/postgresql.conf"
}

pg_start() {
  if pg_running; then
    local port; port=$(pg_running_port)
    [[ $port == "$PG_PORT" ]] || die "PostgreSQL ($PROFILE) already runs on port $port, not $PG_PORT: run 'scripts/infra.sh down $PROFILE' first"
    log "PostgreSQL already running on 127.0.0.1:$PG_PORT (reused)"
    return 0
  fi
  port_open "$PG_PORT" && die "port $PG_PORT is used by another program: stop it or choose another port with $(override_var PG_PORT)"
  [[ -s $PG_DATA/PG_VERSION ]] || pg_init
  mkdir -p "$PG_SOCKET_DIR"; own postgres "$PG_SOCKET_DIR"; chmod 700 "$PG_SOCKET_DIR"
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
  pg_tool pg_ctl -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 \
    -o "-p $PG_PORT -k '$PG_SOCKET_DIR' -c listen_addresses=127.0.0.1" start >/dev/null 9>&- \
    || { show_tail "$PG_DATA/server.log"; die "PostgreSQL did not start"; }
}

# Role, databases and extensions; every statement is safe to repeat.
pg_provision() {
  pg_sql -d postgres -v user="$DB_USER" -v pw="$DB_PASSWORD" -v supw="$PG_SUPERUSER_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I', :'user') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
ALTER ROLE :"user" WITH LOGIN CREATEDB NOSUPERUSER PASSWORD :'pw';
ALTER ROLE postgres WITH PASSWORD :'supw';
SQL
  local db
  for db in "${MEDIMAIL_DATABASES[@]}"; do
    pg_sql -d postgres -v db="$db" -v user="$DB_USER" <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
    # The services' role is no superuser: the extensions their migrations use are created here.
    pg_sql -d "$db" -c 'CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;'
  done
  log "PostgreSQL ready: role $DB_USER, databases ${MEDIMAIL_DATABASES[*]} (pg_trgm, unaccent)"
}

pg_stop() {
  if pg_running; then
    log "stopping PostgreSQL ($PROFILE)"
    pg_tool pg_ctl -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null
  else
    log "PostgreSQL ($PROFILE) is not running"
  fi
}

# A crash of the database server for failure tests: immediate shutdown (every backend killed, no checkpoint, so the
# start replays the WAL as after a power cut), then a normal start.
pg_restart_immediate() {
  pg_running || die "PostgreSQL ($PROFILE) is not running: nothing to restart"
  log "stopping PostgreSQL ($PROFILE) in immediate mode"
  pg_tool pg_ctl -D "$PG_DATA" -m immediate -w -t 60 stop >/dev/null || die "pg_ctl -m immediate stop failed"
  pg_start
}
