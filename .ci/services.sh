#!/usr/bin/env bash
# Start PostgreSQL and MariaDB when they are down (the integration tests need both, real, not mocked).
set -u
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  echo "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
fi
if ! mysqladmin -h 127.0.0.1 -uroot status >/dev/null 2>&1; then
  echo "starting MariaDB"
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd || true
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && mysqladmin -h 127.0.0.1 -uroot status >/dev/null 2>&1 && exit 0
  sleep 1
done
echo "warning: PostgreSQL or MariaDB did not come up; their tests will fail with a connection error" >&2
