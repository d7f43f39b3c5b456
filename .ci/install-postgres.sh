#!/usr/bin/env bash
# Makes sure the PostgreSQL server binaries (initdb, pg_ctl, postgres) are installed, which the SQL
# store tests use to start a throwaway cluster on a loopback port. Idempotent: does nothing when
# they are already on PATH or under /usr/lib/postgresql/*/bin. Installs Debian's packages otherwise,
# without creating or starting the default cluster. When run as root it also makes sure the
# 'postgres' system user exists, because initdb refuses to run as root and the tests run it as
# that user.
set -euo pipefail

find_initdb() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    command -v initdb
    return 0
  fi
  local candidate
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then
      echo "$candidate/initdb"
      return 0
    fi
  done
  return 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "install-postgres.sh: need root (or sudo) to run: $*" >&2
    exit 1
  fi
}

if initdb_path=$(find_initdb); then
  echo "install-postgres.sh: PostgreSQL server binaries found ($initdb_path)"
else
  echo "install-postgres.sh: installing PostgreSQL server binaries from Debian packages"
  # The tests start their own clusters: keep the package from creating and starting 'main'.
  as_root mkdir -p /etc/postgresql-common
  echo "create_main_cluster = false" | as_root tee /etc/postgresql-common/createcluster.conf >/dev/null
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confold postgresql >/dev/null
  if ! initdb_path=$(find_initdb); then
    echo "install-postgres.sh: installed the postgresql package but found no initdb/pg_ctl" >&2
    exit 1
  fi
  echo "install-postgres.sh: installed ($initdb_path)"
fi

if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
  useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/sh postgres
  echo "install-postgres.sh: created the 'postgres' system user"
fi
