#!/usr/bin/env bash
# One database and one user per service, from the services' own settings: every
# <SERVICE>_DATABASE_URL (postgresql+psycopg://user:password@host:port/database) in the
# environment gets its user (with that password) and its database, owned by that user.
# Run by the postgres image on first start (/docker-entrypoint-initdb.d); safe to run again.
# Passwords must be URL-safe (e.g. `openssl rand -hex 24`): they are taken from the URL verbatim.
set -euo pipefail

url_pattern='^postgresql(\+[a-z0-9]+)?://([^:/@]+):([^@]+)@[^/]+/([A-Za-z0-9_]+)$'
psql_admin=(psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres -At)

found=0
for variable in $(compgen -e | grep -E '^[A-Z_]+_DATABASE_URL$' | sort); do
  url="${!variable}"
  if [[ ! $url =~ $url_pattern ]]; then
    echo "init-databases: $variable is not postgresql://user:password@host/database" >&2
    exit 1
  fi
  user="${BASH_REMATCH[2]}" password="${BASH_REMATCH[3]}" database="${BASH_REMATCH[4]}"
  found=$((found + 1))
  if [ "$("${psql_admin[@]}" -v name="$user" <<<"SELECT 1 FROM pg_roles WHERE rolname = :'name'")" != 1 ]; then
    "${psql_admin[@]}" -v name="$user" -v password="$password" \
      <<<"CREATE ROLE :\"name\" LOGIN PASSWORD :'password'" >/dev/null
  fi
  if [ "$("${psql_admin[@]}" -v name="$database" <<<"SELECT 1 FROM pg_database WHERE datname = :'name'")" != 1 ]; then
    "${psql_admin[@]}" -v name="$database" -v owner="$user" \
      <<<"CREATE DATABASE :\"name\" OWNER :\"owner\"" >/dev/null
  fi
  echo "init-databases: $database (owner $user) from $variable"
done
if [ "$found" = 0 ]; then
  echo "init-databases: no <SERVICE>_DATABASE_URL in the environment" >&2
  exit 1
fi
