#!/usr/bin/env bash
# Entry point of the compose Kafka container (apache/kafka image): renders server.properties with the admin
# credentials from the mounted secret, formats the KRaft storage once with the admin SCRAM credential (so the
# first client can authenticate), writes the admin client config used by the healthcheck and kafka-init, and
# starts the broker. Secrets are read from /run/secrets, never from the environment.
set -euo pipefail
admin_password="$(cat /run/secrets/kafka_admin_password)"
cat /run/secrets/kafka_broker_key /run/secrets/kafka_broker_cert > /tmp/kafka-keystore.pem
jaas="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"${admin_password}\";"
sed "s|@ADMIN_JAAS@|${jaas}|" /etc/cryptosignal/kafka/server.properties > /tmp/server.properties
cat > /tmp/admin.properties <<PROPS
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=${jaas}
ssl.truststore.type=PEM
ssl.truststore.location=/run/secrets/ca_cert
PROPS
if [ ! -f /var/lib/kafka/data/meta.properties ]; then
  /opt/kafka/bin/kafka-storage.sh format --config /tmp/server.properties \
    --cluster-id "$(/opt/kafka/bin/kafka-storage.sh random-uuid)" \
    --add-scram "SCRAM-SHA-512=[name=admin,password=${admin_password}]"
fi
exec /opt/kafka/bin/kafka-server-start.sh /tmp/server.properties
