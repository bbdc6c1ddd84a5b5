#!/usr/bin/env bash
# Runs once, when the postgres container initialises an empty data volume (docker-entrypoint-initdb.d).
# One role and one database per service: a service can neither read nor write another's tables.
set -euo pipefail

create() { # database role password
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v db="$1" -v role="$2" -v pw="$3" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role') \gexec
SQL
}

create grid_service grid_service "${GRID_SERVICE_DB_PASSWORD:?}"
create study_service study_service "${STUDY_SERVICE_DB_PASSWORD:?}"
create request_service request_service "${REQUEST_SERVICE_DB_PASSWORD:?}"
create notification_service notification_service "${NOTIFICATION_SERVICE_DB_PASSWORD:?}"
