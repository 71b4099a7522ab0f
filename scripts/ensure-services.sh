#!/usr/bin/env bash
# The platform needs RabbitMQ and (for the tests) PostgreSQL on this machine. Start one that is
# installed but down; never stop or reconfigure one that runs.
set -u

reachable() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for_port() {
  for _ in $(seq 1 60); do reachable "$1" && return 0; sleep 1; done
  return 1
}

if ! reachable 5672; then
  if command -v rabbitmq-server >/dev/null; then
    echo "RabbitMQ is down: starting it"
    rabbitmq-server -detached
    wait_for_port 5672 || { echo "RabbitMQ did not start on 127.0.0.1:5672" >&2; exit 1; }
  else
    echo "RabbitMQ is not running on 127.0.0.1:5672 and is not installed (apt-get install rabbitmq-server)" >&2
    exit 1
  fi
fi

if [ "${1:-}" = "--with-postgres" ] && ! reachable 5432; then
  if command -v pg_ctlcluster >/dev/null; then
    echo "PostgreSQL is down: starting it"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
    wait_for_port 5432 || { echo "PostgreSQL did not start on 127.0.0.1:5432" >&2; exit 1; }
  else
    echo "PostgreSQL is not running on 127.0.0.1:5432 and is not installed (apt-get install postgresql)" >&2
    exit 1
  fi
fi
