#!/usr/bin/env bash
# One-shot setup of the compose Kafka, run as the super user `admin` (kafka-init in docker-compose.yml):
# topics and their DLQs (topics.tsv), one SCRAM-SHA-512 user per service with the password from
# /run/secrets/kafka_<service>_password, and literal per-topic ACLs from acls.tsv, where each entry is a
# prefix expanded against the topic list. A principal that reads gets READ on the consumer groups whose id
# starts with its name (one PREFIXED group ACL: `pipeline`, `pipeline.market.funding.v1`, `executor.<topic>`,
# docs/security.md). Idempotent: existing topics, users and ACLs are kept.
set -euo pipefail
here="$(dirname "$0")"
bin="${KAFKA_BIN:-/opt/kafka/bin}"
bootstrap="${KAFKA_BOOTSTRAP:-kafka:9092}"
admin="${TMPDIR:-/tmp}/admin.properties"
secrets="${SECRETS_DIR:-/run/secrets}"
jaas="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$(cat "$secrets/kafka_admin_password")\";"
printf 'security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=%s\nssl.truststore.type=PEM\nssl.truststore.location=%s/ca_cert\n' \
  "$jaas" "$secrets" > "$admin"

mapfile -t topics < <(grep -v '^#' "$here/topics.tsv" | cut -f1)
# Each tool call starts a JVM: list once and create only what is missing.
existing=" $("$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --list | tr '\n' ' ') "
create() { # TOPIC PARTITIONS CONFIG
  [[ "$existing" == *" $1 "* ]] && return 0
  "$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --create --if-not-exists \
    --topic "$1" --partitions "$2" --config "$3"
}
while IFS=$'\t' read -r topic partitions cleanup; do
  create "$topic" "$partitions" "cleanup.policy=$cleanup"
  create "$topic.dlq" 1 retention.ms=2592000000
done < <(grep -v '^#' "$here/topics.tsv")

# Prints `--topic <t><suffix>` for every known topic matching one of the comma-separated prefixes in $1.
expand() {
  local list="$1" suffix="$2" prefix topic
  [ "$list" = "-" ] && return 0
  IFS=',' read -ra prefixes <<< "$list"
  for prefix in "${prefixes[@]}"; do
    for topic in "${topics[@]}"; do
      if [[ "$topic" == "$prefix"* ]]; then printf -- '--topic\n%s%s\n' "$topic" "$suffix"; fi
    done
  done
}

acl() { "$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --add "$@" > /dev/null; }

while IFS=$'\t' read -r principal reads writes; do
  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --alter \
    --entity-type users --entity-name "$principal" \
    --add-config "SCRAM-SHA-512=[password=$(cat "$secrets/kafka_${principal}_password")]"
  mapfile -t read_args < <(expand "$reads" "")
  mapfile -t dlq_args < <(expand "$reads" ".dlq")
  mapfile -t write_args < <(expand "$writes" "")
  if [ "${#read_args[@]}" -gt 0 ]; then
    acl --allow-principal "User:$principal" --operation Read --operation Describe "${read_args[@]}"
    acl --allow-principal "User:$principal" --operation Read --operation Describe \
      --resource-pattern-type prefixed --group "$principal"
    acl --allow-principal "User:$principal" --operation Write --operation Describe "${dlq_args[@]}"
  fi
  if [ "${#write_args[@]}" -gt 0 ]; then
    acl --allow-principal "User:$principal" --operation Write --operation Describe "${write_args[@]}"
  fi
  echo "kafka-init: $principal: $(( ${#read_args[@]} / 2 )) topics read, $(( ${#write_args[@]} / 2 )) written"
done < <(grep -v '^#' "$here/acls.tsv")
echo "kafka-init: ${#topics[@]} topics, their DLQs, users and ACLs in place"
