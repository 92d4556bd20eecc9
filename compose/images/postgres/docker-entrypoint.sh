#!/bin/sh
# Entrypoint of pactsafs/postgres:15, following the official postgres image's contract for what
# the platform uses: on an empty PGDATA it creates the cluster with POSTGRES_USER (default
# postgres) and POSTGRES_PASSWORD (or POSTGRES_PASSWORD_FILE), creates POSTGRES_DB (default: the user's name), and accepts
# password logins from the container's networks. Any other command runs as given.
set -eu

if [ "${1:-}" != 'postgres' ]; then
  exec "$@"
fi

# As root: give the data folder to the postgres user (a fresh volume belongs to root), then
# run this script again as postgres. setpriv is in util-linux, so no gosu is needed.
if [ "$(id -u)" = '0' ]; then
  mkdir -p "$PGDATA" /run/postgresql
  chown postgres:postgres /run/postgresql
  find "$PGDATA" \! -user postgres -exec chown postgres:postgres '{}' +
  chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

# POSTGRES_PASSWORD_FILE names a file holding the password (a Swarm secret, issue 12), as in the
# official image; setting both is refused there and here.
if [ -n "${POSTGRES_PASSWORD_FILE:-}" ]; then
  if [ -n "${POSTGRES_PASSWORD:-}" ]; then
    echo 'POSTGRES_PASSWORD and POSTGRES_PASSWORD_FILE are both set; set one of them.' >&2
    exit 1
  fi
  POSTGRES_PASSWORD="$(cat "$POSTGRES_PASSWORD_FILE")"
fi

init_cluster() {
  if [ -z "${POSTGRES_PASSWORD:-}" ]; then
    echo 'POSTGRES_PASSWORD must be set: the database accepts password logins from its network.' >&2
    exit 1
  fi
  user="${POSTGRES_USER:-postgres}"
  database="${POSTGRES_DB:-$user}"

  # The password goes through a private file, never the command line (visible in ps).
  password_file="$(mktemp)"
  printf '%s\n' "$POSTGRES_PASSWORD" > "$password_file"
  # Local socket connections (docker exec, e.g. pg_dump for backups) are trusted; every TCP
  # connection needs the password.
  initdb --username="$user" --pwfile="$password_file" --auth-local=trust --auth-host=scram-sha-256
  rm -f "$password_file"

  # initdb's host rules cover loopback only: without this line other containers cannot log in.
  echo 'host all all all scram-sha-256' >> "$PGDATA/pg_hba.conf"
  echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"

  if [ "$database" != 'postgres' ]; then
    # A server on the socket only, so nobody connects before the database exists.
    pg_ctl --pgdata="$PGDATA" --wait --silent --options="-c listen_addresses=''" start
    # Through stdin, not --command: only there does psql quote the name from its variable.
    echo 'CREATE DATABASE :"database";' |
      psql --username="$user" --dbname=postgres --no-psqlrc --quiet --set=ON_ERROR_STOP=1 --set=database="$database"
    pg_ctl --pgdata="$PGDATA" --wait --silent --mode=fast stop
  fi
  echo "PostgreSQL cluster created in $PGDATA (user \"$user\", database \"$database\")."
}

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  init_cluster
fi
exec "$@"
