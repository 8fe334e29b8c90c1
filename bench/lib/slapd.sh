#!/usr/bin/env bash
# OpenLDAP's slapd as the Directory's peer: installed from Debian when missing, run with a config of the bench's own
# (its own folder, loopback port, mdb backend), never the system's /etc/ldap/slapd.d. Sourced by bench/run.sh.
#   slapd_install            apt-get install slapd ldap-utils (non-interactive) when slapd is missing
#   slapd_start DIR PORT     writes DIR/slapd.conf, starts slapd on ldap://127.0.0.1:PORT; SLAPD_PID is its pid
#   slapd_load DIR LDIF      loads entries offline (slapadd -q), before slapd_start
#   slapd_stop               stops the slapd this shell started
SLAPD_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SLAPD_SUFFIX="dc=medimail,dc=bench"
SLAPD_ADMIN="cn=admin,$SLAPD_SUFFIX"
SLAPD_PASSWORD=${SLAPD_PASSWORD:-bench-ldap}

slapd_bin() { command -v slapd || echo /usr/sbin/slapd; }

slapd_install() {
  [[ -x $(slapd_bin) ]] && command -v ldapsearch >/dev/null && return 0
  if pgrep -x apt-get >/dev/null || pgrep -x dpkg >/dev/null; then
    echo "another apt-get or dpkg is running: wait for it, then run again" >&2; return 1
  fi
  local sudo=""; [[ $(id -u) == 0 ]] || sudo="sudo -n"
  # No debconf questions, and no system slapd left running: the package's own instance is not ours.
  echo "slapd slapd/no_configuration boolean true" | $sudo debconf-set-selections
  $sudo env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -q --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold slapd ldap-utils >/dev/null
}

# The config: the stock schemas, ours (the folded attributes, RPPS, département, where an entry is listed), one mdb
# database with equality and substring indexes on what the query mix filters on.
slapd_config() { # dir port
  local dir=$1
  mkdir -p "$dir/db"
  cat >"$dir/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include $SLAPD_LIB/medimail.schema
pidfile $dir/slapd.pid
argsfile $dir/slapd.args
modulepath /usr/lib/ldap
moduleload back_mdb
loglevel 0
sizelimit 1000
threads 16
database mdb
maxsize 4294967296
suffix "$SLAPD_SUFFIX"
rootdn "$SLAPD_ADMIN"
rootpw $SLAPD_PASSWORD
directory $dir/db
index objectClass eq
index mmNameKey eq,sub
index mmRpps eq
index mmDepartment eq
index mmListed eq
CONF
}

slapd_load() { # dir ldif
  rm -rf "$1/db" && slapd_config "$1"
  "$(dirname "$(slapd_bin)")/slapadd" -q -f "$1/slapd.conf" -l "$2"
}

slapd_start() { # dir port
  local dir=$1 port=$2
  [[ -f $dir/slapd.conf ]] || slapd_config "$dir"
  # -d 0 keeps it in the foreground, so it is our child and the trap can stop it by its pid.
  "$(slapd_bin)" -d 0 -f "$dir/slapd.conf" -h "ldap://127.0.0.1:$port/" >"$dir/slapd.log" 2>&1 &
  SLAPD_PID=$!
  for _ in $(seq 60); do
    ldapsearch -x -H "ldap://127.0.0.1:$port/" -b "$SLAPD_SUFFIX" -s base -LLL dn >/dev/null 2>&1 && return 0
    kill -0 "$SLAPD_PID" 2>/dev/null || { cat "$dir/slapd.log" >&2; return 1; }
    sleep 0.5
  done
  echo "slapd not answering on $port" >&2; return 1
}

slapd_stop() {
  [[ -n ${SLAPD_PID:-} ]] || return 0
  kill "$SLAPD_PID" 2>/dev/null || true
  for _ in $(seq 20); do kill -0 "$SLAPD_PID" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$SLAPD_PID" 2>/dev/null || true
  SLAPD_PID=
}
