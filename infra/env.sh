# shellcheck shell=bash
# Endpoints of the local infrastructure started by infra/scripts/up.sh.
# Source it: `source infra/env.sh`. Every port can be overridden before sourcing:
#   CS_KAFKA_PORT (19092), CS_KAFKA_CONTROLLER_PORT (19093), CS_PG_PORT (15432),
#   CS_REDIS_PORT (16379), CS_PROMETHEUS_PORT (19090).
# The URLs below are always derived from those ports, so the scripts and the clients agree.
# CS_INFRA_DIR (default <repo>/.infra) is where the scripts keep state; CS_PROMETHEUS_TARGETS_DIR below it
# is the file_sd directory of Prometheus's cryptosignal-local job (write a *.json target file to be scraped).

export CS_INFRA_HOST=127.0.0.1
export CS_KAFKA_PORT="${CS_KAFKA_PORT:-19092}"
export CS_KAFKA_CONTROLLER_PORT="${CS_KAFKA_CONTROLLER_PORT:-19093}"
export CS_PG_PORT="${CS_PG_PORT:-15432}"
export CS_REDIS_PORT="${CS_REDIS_PORT:-16379}"
export CS_PROMETHEUS_PORT="${CS_PROMETHEUS_PORT:-19090}"

export CS_PG_USER=cryptosignal
export CS_PG_PASSWORD=cryptosignal
export CS_PG_DATABASE=cryptosignal

export KAFKA_BROKERS="${CS_INFRA_HOST}:${CS_KAFKA_PORT}"
export DATABASE_URL="postgres://${CS_PG_USER}:${CS_PG_PASSWORD}@${CS_INFRA_HOST}:${CS_PG_PORT}/${CS_PG_DATABASE}"
export REDIS_URL="redis://${CS_INFRA_HOST}:${CS_REDIS_PORT}"
export PROMETHEUS_URL="http://${CS_INFRA_HOST}:${CS_PROMETHEUS_PORT}"
CS_ENV_STATE="${CS_INFRA_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.infra}"
export CS_PROMETHEUS_TARGETS_DIR="${CS_ENV_STATE}/prometheus/targets"
unset CS_ENV_STATE
