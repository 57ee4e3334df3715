#!/usr/bin/env bash
# Makes a PostgreSQL server available for the test suite on 127.0.0.1:5432: installs Debian's
# package if absent, starts its cluster, and creates the login the tests use (role wirewatch_test,
# allowed to create databases, nothing more). Each test run creates its own throwaway databases
# with that role and drops them at the end. Needs root (or sudo) for apt-get and pg_ctlcluster.
set -euo pipefail

role=wirewatch_test
password=wirewatch_test
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  echo "== installing PostgreSQL from Debian's packages"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
fi

cluster=$(pg_lsclusters --no-header | awk 'NR == 1 { print $1, $2 }')
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  as_root pg_createcluster "$version" main >/dev/null
  cluster="$version main"
fi
# shellcheck disable=SC2086
set -- $cluster
if ! pg_lsclusters --no-header | awk -v v="$1" -v c="$2" '$1 == v && $2 == c && $4 == "online" { found = 1 } END { exit !found }'; then
  echo "== starting PostgreSQL $1/$2"
  as_root pg_ctlcluster "$1" "$2" start
fi

as_root su postgres -c "psql -q -v ON_ERROR_STOP=1 -d postgres" <<SQL
DO \$\$BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password';
  END IF;
END\$\$;
SQL
echo "== PostgreSQL $1/$2 is up; tests connect as $role@127.0.0.1:5432"
